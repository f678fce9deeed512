from svc import sync_api
from svc.sync_api import query as run_query


def report():
    return run_query("select 2")


async def handle(request):
    rows = sync_api.query("select 1")  # error: LS203
    more = report()  # error: LS203
    return rows, more

import asyncio


async def _query(sql):
    return sql


def query(sql):
    return asyncio.run(_query(sql))

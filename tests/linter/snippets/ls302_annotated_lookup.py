# LS302: a pool taken out of a mapping the project pass types (an aiohttp app's state) is
# what its annotation says; the lookup's type must not hide it.
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from aiohttp import web


def predict(x):
    return x


async def infer_batch(request: web.Request) -> web.Response:
    pool: ProcessPoolExecutor = request.app["pool"]
    futures = [pool.submit(lambda x=x: predict(x)) for x in range(3)]  # error: LS302
    return web.json_response({"n": len(futures)})


async def infer_threaded(request: web.Request) -> web.Response:
    pool: ThreadPoolExecutor = request.app["threads"]
    futures = [pool.submit(lambda x=x: predict(x)) for x in range(3)]
    return web.json_response({"n": len(futures)})

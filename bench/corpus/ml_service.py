"""Model serving: an aiohttp app with a process pool for inference."""
from __future__ import annotations

import asyncio
import functools
import math
from concurrent.futures import ProcessPoolExecutor

from aiohttp import web


def predict(features: list[float], temperature: float = 1.0) -> list[float]:
    exps = [math.exp(x / temperature) for x in features]
    total = sum(exps)
    return [e / total for e in exps]


def make_scorer(bias: float):
    def scorer(features: list[float]) -> float:
        return sum(features) + bias

    return scorer


async def on_startup(app: web.Application) -> None:
    app["pool"] = ProcessPoolExecutor(max_workers=2)


async def on_cleanup(app: web.Application) -> None:
    await asyncio.to_thread(app["pool"].shutdown)


async def infer(request: web.Request) -> web.Response:
    body = await request.json()
    loop = asyncio.get_running_loop()
    probs = await loop.run_in_executor(
        request.app["pool"], functools.partial(predict, temperature=body.get("t", 1.0)), body["x"]
    )
    return web.json_response({"probs": probs})


async def infer_biased(request: web.Request) -> web.Response:
    body = await request.json()
    pool: ProcessPoolExecutor = request.app["pool"]
    fut = pool.submit(make_scorer(body.get("bias", 0.0)), body["x"])  # expect: LS3
    return web.json_response({"score": await asyncio.wrap_future(fut)})


async def infer_batch(request: web.Request) -> web.Response:
    body = await request.json()
    pool: ProcessPoolExecutor = request.app["pool"]
    futs = [pool.submit(lambda x=x: predict(x)) for x in body["batch"]]  # expect: LS3
    results = await asyncio.gather(*(asyncio.wrap_future(f) for f in futs))
    return web.json_response({"probs": results})


def create_app() -> web.Application:
    app = web.Application()
    app.router.add_post("/infer", infer)
    app.router.add_post("/infer/biased", infer_biased)
    app.router.add_post("/infer/batch", infer_batch)
    app.on_startup.append(on_startup)
    app.on_cleanup.append(on_cleanup)
    return app


if __name__ == "__main__":
    web.run_app(create_app())

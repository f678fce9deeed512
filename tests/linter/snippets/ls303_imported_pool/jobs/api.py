import asyncio

from jobs import pools
from jobs.pools import EXECUTOR, POOL


def square(x):
    return x * x


async def handle(x):
    loop = asyncio.get_running_loop()
    first = await loop.run_in_executor(POOL, square, x)  # error: LS303
    second = await loop.run_in_executor(pools.POOL, square, x)  # error: LS303
    fine = await loop.run_in_executor(EXECUTOR, square, x)
    return first, second, fine


async def shared(x):
    from jobs.shared import WORKERS
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(WORKERS, square, x)  # error: LS303

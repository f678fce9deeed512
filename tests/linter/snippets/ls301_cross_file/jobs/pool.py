import asyncio
from concurrent.futures import ProcessPoolExecutor


def square(x):
    return x * x


def run_batch(values):
    with ProcessPoolExecutor() as pool:
        return list(pool.map(square, values))


async def run_batch_async(values):
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor() as pool:  # error: LS108
        return await asyncio.gather(*(loop.run_in_executor(pool, square, v) for v in values))

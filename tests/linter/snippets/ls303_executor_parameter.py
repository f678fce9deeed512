# LS303 and LS302 through a parameter: the callers say what the executor is.
import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def square(x):
    return x * x


async def crunch(pool, values):
    loop = asyncio.get_running_loop()
    return await asyncio.gather(*(loop.run_in_executor(pool, square, v) for v in values))  # error: LS303


async def crunch_lambda(executor):
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(executor, lambda: square(2))  # error: LS302


async def crunch_any(executor):
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(executor, lambda: square(2))


class Worker:
    async def run(self, pool):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(pool, square, 3)  # error: LS303


def main():
    with multiprocessing.Pool() as pool:
        asyncio.run(crunch(pool, range(3)))
        asyncio.run(Worker().run(pool))
    with ProcessPoolExecutor() as processes:
        asyncio.run(crunch_lambda(executor=processes))
        asyncio.run(crunch_any(processes))
    with ThreadPoolExecutor() as threads:
        asyncio.run(crunch_any(threads))


if __name__ == "__main__":
    main()

# LS303: multiprocessing pools given to run_in_executor, in every spelling.
import asyncio
import multiprocessing
import multiprocessing as mp
from multiprocessing import Pool, get_context
from multiprocessing.dummy import Pool as DummyPool
from multiprocessing.pool import Pool as PoolClass
from multiprocessing.pool import ThreadPool


def square(x):
    return x * x


class MyPool(PoolClass):
    pass


class Service:
    def __init__(self):
        self.pool = mp.Pool(2)

    async def run(self, x):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, square, x)  # error: LS303


async def main(x, pool: PoolClass):
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(multiprocessing.Pool(), square, x)  # error: LS303
    with Pool() as p:
        await loop.run_in_executor(p, square, x)  # error: LS303
    with get_context("spawn").Pool() as spawned:
        await loop.run_in_executor(spawned, square, x)  # error: LS303
    with ThreadPool(2) as threads:
        await loop.run_in_executor(threads, square, x)  # error: LS303
    with DummyPool(2) as dummy:
        await loop.run_in_executor(dummy, square, x)  # error: LS303
    await loop.run_in_executor(pool, square, x)  # error: LS303
    await asyncio.get_running_loop().run_in_executor(MyPool(), square, x)  # error: LS303


def untyped_loop(loop, x):
    return loop.run_in_executor(mp.Pool(), square, x)  # error: LS303

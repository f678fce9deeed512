# LS303 negatives: None, concurrent.futures executors (and subclasses), executors of
# unknown type, a project's own run_in_executor.
import asyncio
import concurrent.futures
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def square(x):
    return x * x


class Crunchers(ProcessPoolExecutor):
    pass


class Runner:
    def run_in_executor(self, pool, fn, *args):
        return pool.apply(fn, args)


async def main(x, executor):
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, square, x)
    with ThreadPoolExecutor() as threads:
        await loop.run_in_executor(threads, square, x)
    with ProcessPoolExecutor(mp_context=multiprocessing.get_context("spawn")) as processes:  # error: LS108
        await loop.run_in_executor(processes, square, x)
    with concurrent.futures.ProcessPoolExecutor() as processes:  # error: LS108
        await loop.run_in_executor(processes, square, x)
    await loop.run_in_executor(Crunchers(), square, x)
    await loop.run_in_executor(executor, square, x)


def own_method(x):
    with multiprocessing.Pool(2) as pool:
        return Runner().run_in_executor(pool, square, x)

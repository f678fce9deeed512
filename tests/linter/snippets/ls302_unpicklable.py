# LS302: lambdas, nested functions, local-class methods and partials of them sent to a process.
import asyncio
import functools
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool, Process

import anyio.to_process


def lambdas(values):
    with ProcessPoolExecutor() as ex:
        ex.submit(lambda: 1)  # error: LS302
        list(ex.map(lambda v: v * 2, values))  # error: LS302
    with Pool() as pool:
        pool.map(lambda v: v, values)  # error: LS302
        pool.apply_async(lambda: 1)  # error: LS302
        pool.starmap(lambda a, b: a + b, [(1, 2)])  # error: LS302
    Process(target=lambda: None).start()  # error: LS302
    mp.get_context("spawn").Process(target=lambda: None).start()  # error: LS302


def nested(values):
    def inner(v):
        return v

    helper = inner
    with mp.Pool(2) as pool:
        pool.imap_unordered(inner, values)  # error: LS302
        pool.map(helper, values)  # error: LS302
        pool.map(functools.partial(inner), values)  # error: LS302
        pool.map(functools.partial(lambda v, k: v + k, k=1), values)  # error: LS302
    proc = mp.Process(target=inner, args=(1,))  # error: LS302
    proc.start()
    with mp.Pool(2, lambda: None) as pool:  # error: LS302
        pool.map(abs, values)
    with ProcessPoolExecutor(initializer=inner) as ex:  # error: LS302
        ex.submit(abs, -1)


def local_class():
    class Local:
        def run(self, v):
            return v

        @staticmethod
        def static(v):
            return v

    obj = Local()
    with ProcessPoolExecutor() as ex:
        ex.submit(obj.run, 1)  # error: LS302
        ex.submit(Local.static, 1)  # error: LS302


async def through_the_loop(values, pool: ProcessPoolExecutor):
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(pool, lambda: sum(values))  # error: LS302
    await anyio.to_process.run_sync(lambda: sum(values))  # error: LS302


class Service:
    def __init__(self):
        self.pool = ProcessPoolExecutor()

    async def run(self, values):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, lambda: sum(values))  # error: LS302

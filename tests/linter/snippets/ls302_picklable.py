# LS302 negatives: module-level functions and methods of module-level classes to a
# process; anything at all to a thread; executors of unknown kind.
import asyncio
import functools
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import Pool
from multiprocessing.dummy import Pool as DummyPool
from multiprocessing.pool import ThreadPool


def top(x=0):
    return x


class Top:
    def method(self, x):
        return x

    @staticmethod
    def static(x):
        return x


def to_processes(values):
    with ProcessPoolExecutor() as ex:
        ex.submit(top, 1)
        ex.submit(Top().method, 1)
        ex.submit(Top.static, 1)
        ex.submit(functools.partial(top, 1))
    with Pool() as pool:
        pool.map(top, values)
    with Pool(2, initializer=top) as pool:
        pool.map(top, values)
    with ProcessPoolExecutor(2, None, top) as ex:
        ex.submit(top)


def to_threads(values, executor):
    def inner():
        return 1

    with ThreadPoolExecutor() as ex:
        ex.submit(lambda: 1)
        ex.submit(inner)
    with ThreadPool(2) as tp:
        tp.map(lambda v: v, values)
    with DummyPool(2) as dp:
        dp.map(inner, values)
    threading.Thread(target=lambda: None).start()
    executor.submit(lambda: 1)


async def on_the_default_executor():
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, lambda: 1)
    await asyncio.to_thread(lambda: 1)

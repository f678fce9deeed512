import asyncio
import concurrent.futures
import multiprocessing as mp
from concurrent.futures import ThreadPoolExecutor, as_completed

pool = ThreadPoolExecutor()


async def wait_for_work(items):
    fut = pool.submit(sum, items)
    fut.result()  # error: LS108
    pool.submit(sum, items).exception()  # error: LS108
    concurrent.futures.wait([fut])  # error: LS108
    for f in as_completed([fut]):  # error: LS108
        print(f)
    with mp.Pool() as procs:
        procs.map(abs, items)  # error: LS108
    p = mp.Process(target=print)
    p.start()
    p.join()  # error: LS108
    q = mp.Queue()
    q.get()  # error: LS108
    parent, child = mp.Pipe()
    parent.recv()  # error: LS108
    pool.shutdown()  # error: LS108
    pool.shutdown(wait=False)


async def fine(items):
    loop = asyncio.get_running_loop()
    fut = loop.run_in_executor(pool, sum, items)
    await fut
    task = asyncio.ensure_future(asyncio.sleep(0))
    await task
    task.result()
    cf = pool.submit(sum, items)
    return await asyncio.wrap_future(cf)


class Simulation:
    def __init__(self):
        self.parent, child = mp.Pipe()
        self.child = child

    async def result(self):
        return self.parent.recv()  # error: LS108


class Bridge:
    def __init__(self):
        self.results: mp.Queue = mp.Queue()

    async def next_result(self):
        return self.results.get()  # error: LS108

# LS301: every spelling of starting a process or a process pool at import time.
import concurrent.futures as cf
import multiprocessing
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool
from multiprocessing import Process as P
from multiprocessing.pool import Pool as RawPool


def worker(n=0):
    return n


class Worker(mp.Process):
    def run(self):
        worker()


class Crunchers(ProcessPoolExecutor):
    pass


class Service:
    executor = ProcessPoolExecutor(2)  # error: LS301

    def run(self):
        return self.executor.submit(worker)


p = multiprocessing.Process(target=worker)
p.start()  # error: LS301
P(target=worker).start()  # error: LS301
ctx = mp.get_context("spawn")
q = ctx.Process(target=worker)
q.start()  # error: LS301
mp.get_context("forkserver").Process(target=worker).start()  # error: LS301
Worker().start()  # error: LS301
pool = Pool(4)  # error: LS301
raw = RawPool()  # error: LS301
context_pool = ctx.Pool(2)  # error: LS301
manager = mp.Manager()  # error: LS301
executor = cf.ProcessPoolExecutor(max_workers=2)  # error: LS301
with ProcessPoolExecutor() as ex:  # error: LS301
    ex.submit(worker, 1)
crunchers = Crunchers()  # error: LS301
try:
    results = multiprocessing.Pool().map(worker, range(3))  # error: LS301
finally:
    pass

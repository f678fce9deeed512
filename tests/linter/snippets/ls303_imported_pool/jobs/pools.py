import multiprocessing
from concurrent.futures import ProcessPoolExecutor


def make_pools():
    global POOL, EXECUTOR
    POOL = multiprocessing.Pool(4)
    EXECUTOR = ProcessPoolExecutor(4)


POOL: multiprocessing.pool.Pool = None
EXECUTOR: ProcessPoolExecutor = None

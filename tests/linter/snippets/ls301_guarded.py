# LS301 negatives: processes started only under the guard, or never at import time;
# threads and thread pools at import time (no re-import problem).
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing.dummy import Pool as DummyPool
from multiprocessing.pool import ThreadPool

import multiprocessing as mp


def worker():
    return 1


def main():
    p = mp.Process(target=worker)
    p.start()
    p.join()


def not_called_at_import():
    with ProcessPoolExecutor() as pool:
        return pool.submit(worker).result()


process = mp.Process(target=worker)  # created, not started
queue = mp.Queue()
threads = ThreadPoolExecutor(2)
thread_pool = ThreadPool(2)
dummy = DummyPool(2)
threading.Thread(target=worker).start()

if __name__ == "__main__":
    main()
    process.start()
    with ProcessPoolExecutor() as pool:
        pool.submit(worker)

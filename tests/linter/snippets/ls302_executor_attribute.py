# LS302: an executor held in an attribute, typed only as `Executor`, is what the class's
# constructions pass for it: a process pool pickles the bound method and its instance.
import threading
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor


def crunch(rows):
    return len(rows)


class Transformer:
    def __init__(self, pool: Executor) -> None:
        self.pool = pool
        self._lock = threading.Lock()

    def transform(self, rows):
        return crunch(rows)

    def submit(self, rows):
        return self.pool.submit(self.transform, rows)  # error: LS302

    def submit_ok(self, rows):
        return self.pool.submit(crunch, rows)


class Threaded:
    def __init__(self, pool: Executor) -> None:
        self.pool = pool
        self._lock = threading.Lock()

    def transform(self, rows):
        return crunch(rows)

    def submit(self, rows):
        return self.pool.submit(self.transform, rows)


def main(rows):
    with ProcessPoolExecutor() as pool:
        Transformer(pool).submit(rows).result()
    with ThreadPoolExecutor() as threads:
        Threaded(threads).submit(rows).result()


if __name__ == "__main__":
    main([1, 2])

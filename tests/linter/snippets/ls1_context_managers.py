import contextlib
import sqlite3
import threading

lock = threading.Lock()


class Db:
    def __enter__(self):
        self.conn = sqlite3.connect("app.db")
        return self.conn

    def __exit__(self, *exc):
        return False


class Quiet:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


@contextlib.contextmanager
def transaction(path):
    conn = sqlite3.connect(path)
    yield conn
    conn.commit()


async def handler():
    with Db() as conn:  # error: LS105
        print(conn)
    with Quiet():
        pass
    with lock:
        pass
    with transaction("app.db") as conn:  # error: LS105
        print(conn)


class Flushing:
    """Its exit writes: leaving the block blocks."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        with open("audit.log", "a") as f:
            f.write("done\n")


async def exits(items):
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

    with ProcessPoolExecutor(max_workers=2) as pool:  # error: LS108
        print(pool)
    with ThreadPoolExecutor() as threads:
        print(threads)
    with Flushing():  # error: LS104
        pass
    pool = ProcessPoolExecutor()
    pool.shutdown(wait=False)

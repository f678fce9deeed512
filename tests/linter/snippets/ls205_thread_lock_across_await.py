"""LS205: a threading lock held across an await."""

import asyncio
import multiprocessing
import threading
from threading import RLock

lock = threading.Lock()
alock = asyncio.Lock()


class Cache:
    shared = threading.Lock()

    def __init__(self):
        self._lock = RLock()
        self._cond = threading.Condition()
        self.data = {}

    async def refresh(self, key):
        with self._lock:  # error: LS205
            self.data[key] = await fetch(key)

    async def shared_refresh(self, key):
        with Cache.shared:  # error: LS205
            self.data[key] = await fetch(key)

    async def wait_change(self):
        with self._cond:  # error: LS205
            await asyncio.sleep(0)

    async def quick(self, key):
        with self._lock:
            self.data.pop(key, None)
        await asyncio.sleep(0)

    def sync_update(self, key, value):
        with self._lock:
            self.data[key] = value


async def fetch(key):
    await asyncio.sleep(0)
    return key


async def guarded(sem: threading.Semaphore, bounded: threading.BoundedSemaphore):
    with sem:  # error: LS205
        await fetch(1)
    with bounded:  # error: LS205
        async for _ in agen():
            pass
    process_lock = multiprocessing.Lock()
    with process_lock:  # error: LS205
        await fetch(2)


async def agen():
    yield 1


async def stream_rows(rows):
    with lock:  # error: LS205
        for row in rows:
            yield row


async def acquire_release():
    lock.acquire()  # error: LS107, LS205
    try:
        await fetch(3)
    finally:
        lock.release()


async def released_before_await():
    lock.acquire()  # error: LS107
    lock.release()
    await fetch(4)


async def asyncio_lock():
    async with alock:
        await fetch(5)


async def callback_inside():
    with lock:
        def later():
            return 1
        await_free = later()
    return await_free

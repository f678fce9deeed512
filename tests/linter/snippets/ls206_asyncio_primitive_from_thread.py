"""LS206: asyncio primitives used from code that runs in a worker thread."""

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor


class Pipeline:
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.jobs: asyncio.Queue[int] = asyncio.Queue()
        self.stopped = asyncio.Event()
        self.pool = ThreadPoolExecutor()

    def start(self):
        self.pool.submit(self._drain)
        self.pool.submit(self._drain_safely)

    def _drain(self):
        self.jobs.task_done()  # error: LS206
        self.stopped.clear()  # error: LS206

    def _drain_safely(self):
        self.loop.call_soon_threadsafe(self.jobs.task_done)
        asyncio.run_coroutine_threadsafe(self.jobs.put(1), self.loop).result()


def consume(jobs, done, count):
    jobs.task_done()  # error: LS206
    done.clear()  # error: LS206
    count.release()


async def main():
    loop = asyncio.get_running_loop()
    lock = asyncio.Lock()
    cond = asyncio.Condition()
    sem = asyncio.Semaphore(2)
    queue = asyncio.LifoQueue()

    def worker():
        lock.release()  # error: LS206
        cond.notify_all()  # error: LS206
        sem.release()  # error: LS206
        queue.put(1)  # error: LS206
        asyncio.run_coroutine_threadsafe(queue.get(), loop)
        loop.call_soon_threadsafe(sem.release)

    threading.Thread(target=worker).start()
    threading.Thread(target=consume, args=(queue, asyncio.Event(), threading.Semaphore())).start()
    Pipeline(loop).start()
    async with lock:
        await queue.put(2)
    sem.release()

"""LS207: a coroutine function handed to a thread or an executor."""

import asyncio
import functools
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import anyio


async def refresh(key=None):
    await asyncio.sleep(0)


def refresh_sync(key=None):
    return key


class Service:
    def __init__(self):
        self.executor = ThreadPoolExecutor()

    async def poll(self):
        await asyncio.sleep(0)

    def start(self):
        threading.Thread(target=self.poll).start()  # error: LS207
        self.executor.submit(self.poll)  # error: LS207
        threading.Thread(target=asyncio.run, args=(self.poll(),)).start()


def submit_all():
    with ThreadPoolExecutor() as pool:
        pool.submit(refresh, 3)  # error: LS207
        pool.map(refresh, [1, 2])  # error: LS207
        pool.submit(refresh_sync, 3)
    with ProcessPoolExecutor() as processes:
        processes.submit(refresh)  # error: LS207


async def main(processes: ProcessPoolExecutor):
    loop = asyncio.get_running_loop()
    threading.Thread(target=refresh).start()  # error: LS207
    threading.Thread(None, refresh).start()  # error: LS207
    threading.Timer(1.0, refresh).start()  # error: LS207
    await loop.run_in_executor(None, refresh, 1)  # error: LS207
    await loop.run_in_executor(None, functools.partial(refresh, 1))  # error: LS207
    await asyncio.to_thread(refresh)  # error: LS207
    await asyncio.to_thread(lambda: refresh(2))  # error: LS207
    await anyio.to_thread.run_sync(refresh)  # error: LS207
    await loop.run_in_executor(processes, refresh_sync, 4)

    # the right forms
    await loop.run_in_executor(None, refresh_sync, 1)
    await asyncio.to_thread(lambda: asyncio.run(refresh(5)))
    threading.Thread(target=asyncio.run, args=(refresh(),)).start()
    asyncio.run_coroutine_threadsafe(refresh(), loop)
    await asyncio.create_task(refresh())

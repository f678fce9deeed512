"""A progress display fed by a background downloader thread."""
from __future__ import annotations

import asyncio
import threading
import time
import urllib.request


class Progress:
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.updates: asyncio.Queue[int] = asyncio.Queue()
        self.finished = asyncio.Event()
        self.lock = asyncio.Lock()

    def download_broken(self, url: str, dest: str) -> None:
        """Runs in a worker thread."""
        def hook(blocks: int, block_size: int, total: int) -> None:
            self.updates.put_nowait(blocks * block_size)  # expect: LS2

        urllib.request.urlretrieve(url, dest, reporthook=hook)
        self.finished.set()  # expect: LS2

    def download(self, url: str, dest: str) -> None:
        """Runs in a worker thread; hands every update to the loop's thread."""
        def hook(blocks: int, block_size: int, total: int) -> None:
            self.loop.call_soon_threadsafe(self.updates.put_nowait, blocks * block_size)

        urllib.request.urlretrieve(url, dest, reporthook=hook)
        self.loop.call_soon_threadsafe(self.finished.set)

    async def show(self) -> None:
        while not self.finished.is_set():
            try:
                done = await asyncio.wait_for(self.updates.get(), timeout=0.5)
            except asyncio.TimeoutError:
                continue
            async with self.lock:
                print(f"\r{done} bytes", end="")


def flush_stats(progress: Progress) -> None:
    """A reporting thread that peeks at the queue of the loop."""
    while True:
        time.sleep(1)
        try:
            progress.updates.get_nowait()  # expect: LS2
        except asyncio.QueueEmpty:
            continue


async def main(url: str, dest: str) -> None:
    progress = Progress(asyncio.get_running_loop())
    ui = asyncio.create_task(progress.show())
    threading.Thread(target=flush_stats, args=(progress,), daemon=True).start()
    await asyncio.to_thread(progress.download, url, dest)
    await ui


async def main_broken(url: str, dest: str) -> None:
    progress = Progress(asyncio.get_running_loop())
    ui = asyncio.create_task(progress.show())
    worker = threading.Thread(target=progress.download_broken, args=(url, dest))
    worker.start()
    await ui
    await asyncio.to_thread(worker.join)

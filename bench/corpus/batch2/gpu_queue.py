"""A worker that feeds a GPU job queue from asyncio, with a monitoring thread."""
from __future__ import annotations

import asyncio
import queue
import threading
import time


class GpuWorker:
    def __init__(self) -> None:
        self.jobs: queue.Queue[str] = queue.Queue(maxsize=8)
        self.results: asyncio.Queue[str] = asyncio.Queue()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.busy = threading.Lock()
        self.started = asyncio.Event()

    def _gpu_thread(self) -> None:
        while True:
            job = self.jobs.get()
            with self.busy:
                time.sleep(0.05)
            self.loop.call_soon_threadsafe(self.results.put_nowait, f"done:{job}")
            self.jobs.task_done()

    def _monitor(self) -> None:
        self.started.set()  # expect: LS2
        while True:
            time.sleep(1)
            print("queue depth", self.jobs.qsize())

    async def submit(self, job: str) -> str:
        self.jobs.put(job)  # expect: LS1
        return await self.results.get()

    async def submit_nowait(self, job: str) -> str:
        try:
            self.jobs.put_nowait(job)
        except queue.Full:
            await asyncio.sleep(0.1)
            return await self.submit_nowait(job)
        return await self.results.get()

    async def start(self) -> None:
        self.loop = asyncio.get_running_loop()
        threading.Thread(target=self._gpu_thread, daemon=True).start()
        threading.Thread(target=self._monitor, daemon=True).start()

    async def flush(self) -> None:
        await asyncio.to_thread(self.jobs.join)
        with self.busy:  # expect: LS2
            await asyncio.sleep(0)


async def main() -> None:
    worker = GpuWorker()
    await worker.start()
    print(await asyncio.gather(*(worker.submit_nowait(str(i)) for i in range(4))))


if __name__ == "__main__":
    asyncio.run(main())

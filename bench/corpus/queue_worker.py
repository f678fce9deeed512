"""A job runner: jobs arrive on a thread-safe queue from a legacy poller thread and
are processed by asyncio workers."""
from __future__ import annotations

import asyncio
import logging
import queue
import threading
import time

log = logging.getLogger("worker")


class JobRunner:
    def __init__(self, concurrency: int = 4) -> None:
        self.inbox: queue.Queue[dict] = queue.Queue()
        self.work: asyncio.Queue[dict] = asyncio.Queue(maxsize=100)
        self.concurrency = concurrency
        self.stop = threading.Event()

    def poll_forever(self) -> None:
        """Runs in its own thread: pretend to poll a legacy job table."""
        n = 0
        while not self.stop.is_set():
            n += 1
            self.inbox.put({"id": n})
            time.sleep(0.5)

    async def pump_blocking(self) -> None:
        while True:
            job = self.inbox.get()  # expect: LS1
            await self.work.put(job)

    async def pump_timeout(self) -> None:
        while True:
            try:
                job = self.inbox.get(timeout=1.0)  # expect: LS1
            except queue.Empty:
                continue
            await self.work.put(job)

    async def pump(self) -> None:
        while True:
            try:
                job = self.inbox.get_nowait()
            except queue.Empty:
                await asyncio.sleep(0.05)
                continue
            await self.work.put(job)

    async def pump_offloaded(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            job = await loop.run_in_executor(None, self.inbox.get)
            await self.work.put(job)

    async def handle(self, job: dict) -> None:
        await asyncio.sleep(0.1)
        log.info("done %s", job["id"])

    async def consume(self) -> None:
        while True:
            job = await self.work.get()
            try:
                await self.handle(job)
            except Exception:
                log.exception("job %s failed", job.get("id"))
            finally:
                self.work.task_done()

    async def drain(self) -> None:
        await self.work.join()
        self.inbox.join()  # expect: LS1

    async def run(self) -> None:
        poller = threading.Thread(target=self.poll_forever, daemon=True)
        poller.start()
        consumers = [asyncio.create_task(self.consume()) for _ in range(self.concurrency)]
        try:
            await self.pump()
        finally:
            self.stop.set()
            for task in consumers:
                task.cancel()
            await asyncio.to_thread(poller.join, 2.0)


if __name__ == "__main__":
    asyncio.run(JobRunner().run())

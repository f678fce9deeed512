"""A watchdog thread that cancels stuck tasks, and helper threads of a scraper."""
from __future__ import annotations

import asyncio
import threading
import time


class Watchdog:
    def __init__(self, loop: asyncio.AbstractEventLoop, limit: float) -> None:
        self.loop = loop
        self.limit = limit
        self.started: dict[asyncio.Task, float] = {}
        self.stop = threading.Event()
        self.changed = asyncio.Condition()

    def watch(self, task: asyncio.Task) -> None:
        self.started[task] = time.monotonic()

    def run_broken(self) -> None:
        while not self.stop.wait(0.5):
            now = time.monotonic()
            for task, t0 in list(self.started.items()):
                if now - t0 > self.limit and not task.done():
                    task.cancel()  # expect: LS2
                    self.loop.call_later(0, print, "cancelled", task.get_name())  # expect: LS2

    def run(self) -> None:
        while not self.stop.wait(0.5):
            now = time.monotonic()
            for task, t0 in list(self.started.items()):
                if now - t0 > self.limit and not task.done():
                    self.loop.call_soon_threadsafe(task.cancel)


def status_thread(dog: Watchdog) -> None:
    loop = asyncio.get_event_loop()  # expect: LS2
    while not dog.stop.is_set():
        print(f"{len(dog.started)} tasks watched, loop running: {loop.is_running()}")
        time.sleep(5)


def notify_thread(dog: Watchdog) -> None:
    async def poke() -> None:
        async with dog.changed:
            dog.changed.notify_all()

    while not dog.stop.wait(1):
        asyncio.run_coroutine_threadsafe(poke(), dog.loop)


async def slow(n: int) -> int:
    await asyncio.sleep(n)
    return n


async def main() -> None:
    loop = asyncio.get_running_loop()
    dog = Watchdog(loop, limit=2.0)
    for n in (1, 3, 5):
        dog.watch(asyncio.create_task(slow(n)))
    threads = [
        threading.Thread(target=dog.run, daemon=True),
        threading.Thread(target=dog.run_broken, daemon=True),
        threading.Thread(target=status_thread, args=(dog,), daemon=True),
        threading.Thread(target=notify_thread, args=(dog,), daemon=True),
    ]
    for t in threads:
        t.start()
    await asyncio.gather(*dog.started, return_exceptions=True)
    dog.stop.set()


if __name__ == "__main__":
    asyncio.run(main())

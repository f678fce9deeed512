"""A bridge between a hardware-polling thread and an asyncio dashboard."""
from __future__ import annotations

import asyncio
import threading
import time


class SensorThread(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.ready = threading.Event()
        self.stopped = threading.Event()
        self.cond = threading.Condition()
        self.barrier = threading.Barrier(2)
        self.slots = threading.Semaphore(2)
        self.value = 0.0

    def run(self) -> None:
        self.ready.set()
        while not self.stopped.is_set():
            with self.cond:
                self.value = time.monotonic() % 10
                self.cond.notify_all()
            time.sleep(0.1)


sensor = SensorThread()


async def wait_ready_blocking() -> None:
    sensor.start()
    sensor.ready.wait()  # expect: LS1


async def wait_ready() -> None:
    sensor.start()
    await asyncio.to_thread(sensor.ready.wait)


async def wait_ready_polling() -> None:
    sensor.start()
    while not sensor.ready.is_set():
        await asyncio.sleep(0.01)


async def next_value_blocking() -> float:
    with sensor.cond:
        sensor.cond.wait(timeout=1.0)  # expect: LS1
        return sensor.value


async def rendezvous() -> None:
    sensor.barrier.wait()  # expect: LS1


async def try_slot() -> bool:
    if sensor.slots.acquire(blocking=False):
        try:
            return True
        finally:
            sensor.slots.release()
    return False


async def take_slot() -> None:
    sensor.slots.acquire()  # expect: LS1
    sensor.slots.release()


async def shutdown_blocking() -> None:
    sensor.stopped.set()
    sensor.join()  # expect: LS1


async def shutdown() -> None:
    sensor.stopped.set()
    await asyncio.to_thread(sensor.join, 1.0)


async def dashboard() -> None:
    await wait_ready()
    for _ in range(10):
        print(f"{sensor.value:.2f}")
        await asyncio.sleep(0.5)
    await shutdown()


if __name__ == "__main__":
    asyncio.run(dashboard())

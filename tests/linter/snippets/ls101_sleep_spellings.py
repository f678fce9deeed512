import asyncio
import time
import time as t
from time import sleep
from time import sleep as nap
from typing import TYPE_CHECKING

try:
    from time import sleep as snooze
except ImportError:  # pragma: no cover
    snooze = None

if TYPE_CHECKING:
    time.sleep(1)  # never runs


async def direct():
    time.sleep(1)  # error: LS101
    t.sleep(1)  # error: LS101
    sleep(1)  # error: LS101
    nap(1)  # error: LS101
    snooze(1)  # error: LS101
    await asyncio.sleep(1)


async def contexts(lock, items):
    async with lock:
        time.sleep(0.1)  # error: LS101
    async for _ in items:
        time.sleep(0.1)  # error: LS101
    if TYPE_CHECKING:
        time.sleep(1)


async def agen():
    yield 1
    time.sleep(0.1)  # error: LS101


async def handed_off():
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, time.sleep, 1)
    await asyncio.to_thread(time.sleep, 1)
    await asyncio.to_thread(lambda: time.sleep(1))

    def later():
        time.sleep(1)

    class Config:
        delay = staticmethod(time.sleep)

    return later, Config


async def shadowed(sleep):
    sleep(1)


async def shadowed_by_local():
    def sleep(seconds):
        return seconds

    sleep(1)


def sync_only():
    time.sleep(1)


async def comprehension(items):
    return [time.sleep(i) for i in items]  # error: LS101

"""Explore 1, fixed: wait for the worker, not for a while.

Awaiting the executor's future orders the read after the write on every schedule;
the sleep is gone, and with it 100 ms of every request.
"""

import asyncio
import time


class Cache:
    def __init__(self):
        self.entries = {}

    def warm(self):  # runs in a worker thread
        time.sleep(0.01)  # reading the backing store
        self.entries["config"] = {"retries": 3}


async def main():
    cache = Cache()
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, cache.warm)
    assert cache.entries.get("config") == {"retries": 3}, "read the cache before it was warm"
    return cache.entries


if __name__ == "__main__":
    print(asyncio.run(main()))

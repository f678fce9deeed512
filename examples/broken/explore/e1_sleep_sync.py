"""Explore 1, broken: a sleep used as synchronisation with a worker thread.

The cache is warmed in the loop's thread pool and the handler sleeps "long enough"
before reading it. On a stock loop the worker always wins (10 ms against 100 ms), so
the test passes every time; but nothing orders the two: a busy pool, a slow disk or a
paused thread, and the handler reads a cold cache. ``loopsafe_explore`` finds the
schedule where the timer fires first.
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
    loop.run_in_executor(None, cache.warm)
    await asyncio.sleep(0.1)  # "plenty of time for the worker"
    assert cache.entries.get("config") == {"retries": 3}, "read the cache before it was warm"
    return cache.entries


if __name__ == "__main__":
    print(asyncio.run(main()))

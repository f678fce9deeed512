import asyncio
import functools
import time


def leaf():
    time.sleep(1)


def middle():
    leaf()


def ping(n):
    if n:
        pong(n - 1)


def pong(n):
    if n:
        ping(n - 1)


def recursive_block(n):
    if n:
        recursive_block(n - 1)
    time.sleep(0.1)


class Store:
    def __init__(self, path):
        self.path = path

    def load(self):
        with open(self.path) as f:
            return f.read()

    async def aload(self):
        return self.load()  # error: LS104


class Slow:
    def __init__(self):
        time.sleep(1)


@functools.lru_cache
def cached_block():
    time.sleep(1)


async def main(store: Store):
    middle()  # error: LS101
    ping(3)
    recursive_block(3)  # error: LS101
    store.load()  # error: LS104
    Slow()  # error: LS101
    cached_block()  # error: LS101
    await asyncio.to_thread(middle)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, store.load)


from asgiref.sync import sync_to_async


@sync_to_async
def offloaded_save(store):
    store.load()


async def save(store: Store):
    coro = offloaded_save(store)
    await coro

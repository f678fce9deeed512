"""LS202: asyncio.get_event_loop() in a coroutine, or where no loop runs."""

import asyncio
import asyncio as aio
import threading
from asyncio import get_event_loop
from asyncio import get_event_loop as gel


async def fetch():
    loop = asyncio.get_event_loop()  # error: LS202
    other = aio.get_event_loop()  # error: LS202
    bare = get_event_loop()  # error: LS202
    aliased = gel()  # error: LS202
    right = asyncio.get_running_loop()
    return loop, other, bare, aliased, right


def run_it():
    loop = asyncio.get_event_loop()  # error: LS202
    return loop.run_until_complete(fetch())


def run_forever_here():
    get_event_loop().run_forever()  # error: LS202


def with_own_loop():
    asyncio.set_event_loop(asyncio.new_event_loop())
    loop = asyncio.get_event_loop()
    try:
        loop.run_until_complete(fetch())
    finally:
        loop.close()


def worker():
    asyncio.get_event_loop()  # error: LS202


def called_from_coroutine():
    # a sync helper called on the loop's thread: a loop runs, this works
    return asyncio.get_event_loop()


async def uses_helper():
    called_from_coroutine()


def get_loop():
    return asyncio.get_event_loop()  # error: LS202


def setup():
    loop = get_loop()
    loop.create_task(fetch())
    return loop


def also_on_the_loop():
    return asyncio.get_event_loop()


async def calls_it():
    also_on_the_loop()


class Config:
    loop = asyncio.get_event_loop()  # error: LS202


threading.Thread(target=worker).start()
main_loop = asyncio.get_event_loop()  # error: LS202

if __name__ == "__main__":
    setup()
    also_on_the_loop()

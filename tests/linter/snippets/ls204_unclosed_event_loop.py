"""LS204: asyncio.new_event_loop() not closed on every path."""

import asyncio
import contextlib
import threading
from asyncio import new_event_loop as make_loop
from contextlib import closing

import uvloop


async def job():
    return 1


def closed_late():
    loop = asyncio.new_event_loop()  # error: LS204
    asyncio.set_event_loop(loop)
    result = loop.run_until_complete(job())
    loop.close()
    return result


def never_closed():
    loop = make_loop()  # error: LS204
    return loop.run_until_complete(job())


def throwaway():
    asyncio.new_event_loop().run_until_complete(job())  # error: LS204


def uvloop_never_closed():
    loop = uvloop.new_event_loop()  # error: LS204
    loop.run_until_complete(job())


def from_policy_or_class():
    first = asyncio.get_event_loop_policy().new_event_loop()  # error: LS204
    second = asyncio.SelectorEventLoop()  # error: LS204
    try:
        first.run_until_complete(job())
        second.run_until_complete(job())
    finally:
        pass


def closed_in_finally():
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(job())
    finally:
        loop.close()


def with_closing():
    with contextlib.closing(asyncio.new_event_loop()) as loop:
        return loop.run_until_complete(job())


def closing_by_name():
    loop = asyncio.new_event_loop()
    with closing(loop):
        return loop.run_until_complete(job())


def returned():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    return loop


def fixture():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def background():
    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, daemon=True).start()


def handed_on(register):
    loop = asyncio.new_event_loop()
    register(loop)


class LoopTestCase:
    def set_event_loop(self, loop):
        self.loop = loop  # closed at tear-down

    def test_something(self):
        loop = asyncio.get_event_loop_policy().new_event_loop()
        self.set_event_loop(loop)
        loop.run_until_complete(job())


class Owner:
    def __init__(self):
        self.loop = asyncio.new_event_loop()

    def close(self):
        self.loop.close()


def runner():
    with asyncio.Runner(loop_factory=asyncio.new_event_loop) as r:
        return r.run(job())


def preferred():
    return asyncio.run(job())


module_loop = asyncio.new_event_loop()  # error: LS204
module_loop.run_until_complete(job())

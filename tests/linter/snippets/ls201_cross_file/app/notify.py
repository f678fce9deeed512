import asyncio


def notify(loop: asyncio.AbstractEventLoop, fut: asyncio.Future, value):
    loop.call_soon(fut.set_result, value)  # error: LS201


def notify_safely(loop: asyncio.AbstractEventLoop, fut: asyncio.Future, value):
    loop.call_soon_threadsafe(fut.set_result, value)

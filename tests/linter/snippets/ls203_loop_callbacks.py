"""LS203 in callbacks the event loop runs: they run while the loop does."""

import asyncio
import signal


async def shutdown():
    return None


def stop_everything():
    asyncio.run(shutdown())


def on_done(task: asyncio.Task):
    stop_everything()  # error: LS203


def on_signal_right():
    asyncio.ensure_future(shutdown())


async def main():
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, lambda: asyncio.run(shutdown()))  # error: LS203
    loop.add_signal_handler(signal.SIGINT, on_signal_right)
    loop.call_later(5, lambda: loop.run_until_complete(shutdown()))  # error: LS203
    task = asyncio.create_task(shutdown())
    task.add_done_callback(on_done)
    await task

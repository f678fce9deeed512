"""Patterns 8 and 9 of the material, as printed: right as far as LS2 goes."""

import asyncio
import threading


def blocking_operation():
    import time

    time.sleep(2)
    return 42


async def main():
    loop = asyncio.get_running_loop()
    result = await loop.run_in_executor(None, blocking_operation)
    print(f"Result: {result}")


async def async_task():
    await asyncio.sleep(1)
    print("Async task in thread")


def thread_function():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(async_task())
    finally:
        loop.close()


t = threading.Thread(target=thread_function)
t.start()
asyncio.run(main())

"""Pattern 8: keep a blocking call off the event loop with ``run_in_executor``.

``time.sleep`` (or any blocking library call) inside a coroutine stops every
other task on the loop. ``loop.run_in_executor(None, fn)`` runs ``fn`` in the
loop's default thread pool and lets the coroutine await the result;
``asyncio.to_thread(fn)`` is the shorter spelling. Right as printed.
"""

import asyncio
import time


def blocking_operation():
    time.sleep(0.2)
    return 42


async def main():
    loop = asyncio.get_running_loop()
    result = await loop.run_in_executor(None, blocking_operation)
    print(f"Result: {result}")
    return result


if __name__ == "__main__":
    asyncio.run(main())

"""Pattern 11: a process that runs its own event loop, guarded.

A child process starts with no event loop; ``asyncio.run`` gives it one (the
material spells out ``new_event_loop`` ... ``close``, which works but is
longer). The guard keeps the process start out of the child's re-import under
``spawn`` and ``forkserver``.
"""

import asyncio
import multiprocessing


async def async_task():
    await asyncio.sleep(0.1)
    print("Async task in process")


def process_function():
    asyncio.run(async_task())


def main():
    p = multiprocessing.Process(target=process_function)
    p.start()
    p.join()
    return p.exitcode


if __name__ == "__main__":
    main()

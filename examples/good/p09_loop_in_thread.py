"""Pattern 9: a thread that runs its own event loop, with ``asyncio.run``, joined.

An event loop belongs to one thread, so a thread that needs asyncio runs a
loop of its own. ``asyncio.run`` creates, runs and closes it in one call (the
material spells out ``new_event_loop``, ``set_event_loop``,
``run_until_complete`` and ``close``, which works but is longer). The thread is
joined, so it cannot outlive the caller.
"""

import asyncio
import threading


async def async_task():
    await asyncio.sleep(0.1)
    print("Async task in thread")


def thread_function():
    asyncio.run(async_task())


def main():
    t = threading.Thread(target=thread_function)
    t.start()
    t.join()


if __name__ == "__main__":
    main()

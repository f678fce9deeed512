"""Pattern 9, broken: a thread runs its own event loop and is never joined.

As printed in the material: the loop itself is handled right (created, set,
run, closed in ``finally``), but ``main()`` returns while the thread and its
loop still run, so nobody waits for the task or sees its errors; a test that
calls ``main()`` leaks the thread (the plugin reports a ``leaked-thread``; the
task takes three seconds here, longer than the plugin's wait, at a test's end, for
the threads and loops the test left going). No lint rule flags this. Join the thread, and prefer ``asyncio.run`` in it
(``good/p09_loop_in_thread.py``).
"""

import asyncio
import threading


async def async_task():
    await asyncio.sleep(3.0)
    print("Async task in thread")


def thread_function():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(async_task())
    finally:
        loop.close()


def main():
    t = threading.Thread(target=thread_function)
    t.start()  # runtime: leaked-thread


if __name__ == "__main__":
    main()

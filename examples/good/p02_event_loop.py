"""Pattern 2: run a coroutine with ``asyncio.run`` (or ``asyncio.Runner``), not ``get_event_loop``.

``asyncio.run`` creates a fresh loop, runs the coroutine, then closes the loop
and its executor; it works the same in the main thread and in any other
thread. ``asyncio.Runner`` (Python 3.11+) does the same for several
coroutines that must share one loop; before 3.11, one ``asyncio.run`` of a
coroutine that awaits them in turn does.
"""

import asyncio
import sys


async def my_coroutine():
    await asyncio.sleep(0.1)
    return "done"


async def both_in_turn():
    return [await my_coroutine(), await my_coroutine()]


def main():
    return asyncio.run(my_coroutine())


def main_with_runner():
    """Two coroutines on one loop: what ``get_event_loop()`` was often kept around for."""
    if sys.version_info < (3, 11):  # no asyncio.Runner yet
        return asyncio.run(both_in_turn())
    with asyncio.Runner() as runner:
        first = runner.run(my_coroutine())
        second = runner.run(my_coroutine())
    return [first, second]


if __name__ == "__main__":
    print(main())
    print(main_with_runner())

"""Pattern 8, broken: the blocking call made on the event loop instead of in an executor.

What ``run_in_executor`` in ``good/p08_run_in_executor.py`` avoids: calling
``blocking_operation()`` straight from the coroutine holds the whole event
loop for the length of ``time.sleep``. The linter flags the call in the
coroutine (LS101, with the path to ``time.sleep`` in its trace); the plugin
reports a ``blocking-call`` located at the ``time.sleep`` line.
"""

import asyncio
import time


def blocking_operation():
    time.sleep(0.2)  # runtime: blocking-call
    return 42


async def main():
    result = blocking_operation()  # error: LS101
    print(f"Result: {result}")
    return result


if __name__ == "__main__":
    asyncio.run(main())

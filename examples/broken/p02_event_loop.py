"""Pattern 2, broken: ``asyncio.get_event_loop()`` where no event loop runs.

As printed in the material. With no running loop, ``get_event_loop()`` is
deprecated since Python 3.10 (a DeprecationWarning from 3.12) and an error
from 3.14; in any thread but the main one it already raises ``RuntimeError:
There is no current event loop``. Use ``asyncio.run`` or ``asyncio.Runner``
(``good/p02_event_loop.py``).
"""

import asyncio


async def my_coroutine():
    await asyncio.sleep(0.1)
    return "done"


def main():
    loop = asyncio.get_event_loop()  # error: LS202
    try:
        return loop.run_until_complete(my_coroutine())
    finally:
        loop.close()


if __name__ == "__main__":
    print(main())

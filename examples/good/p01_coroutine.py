"""Pattern 1: a coroutine that awaits.

``await asyncio.sleep(...)`` hands control back to the event loop while it
waits, so other coroutines run meanwhile. The material's snippet is right as
printed; only the sleep is shortened so the example runs fast.
"""

import asyncio


async def my_coroutine():
    print("Start of coroutine")
    await asyncio.sleep(0.1)
    print("End of coroutine")


def main():
    asyncio.run(my_coroutine())


if __name__ == "__main__":
    main()

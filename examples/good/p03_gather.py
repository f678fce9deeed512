"""Pattern 3: two coroutines run concurrently with ``asyncio.gather``.

Both sleeps overlap, so the whole takes as long as the longer one, not the sum.
Right as printed in the material.
"""

import asyncio


async def coroutine1():
    await asyncio.sleep(0.1)
    print("Coroutine 1 finished")
    return 1


async def coroutine2():
    await asyncio.sleep(0.2)
    print("Coroutine 2 finished")
    return 2


async def main():
    return await asyncio.gather(coroutine1(), coroutine2())


if __name__ == "__main__":
    asyncio.run(main())

"""Pattern 2 of the material, as printed: get_event_loop() at module level."""

import asyncio


async def my_coroutine():
    print("Start of coroutine")
    await asyncio.sleep(1)
    print("End of coroutine")


loop = asyncio.get_event_loop()  # error: LS202
try:
    loop.run_until_complete(my_coroutine())
finally:
    loop.close()

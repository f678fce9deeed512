"""LS202: a script that sets its loop before calling helpers that get it."""

import asyncio


def current():
    return asyncio.get_event_loop()


async def job():
    return 1


if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        current().run_until_complete(job())
    finally:
        loop.close()

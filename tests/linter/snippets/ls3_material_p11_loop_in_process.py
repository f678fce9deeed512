# Pattern 11 of the material, as printed: each process runs its own loop, guarded.
import asyncio
import multiprocessing


async def async_task():
    await asyncio.sleep(1)
    print('Async task in process')


def process_function():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(async_task())
    finally:
        loop.close()


if __name__ == '__main__':
    p = multiprocessing.Process(target=process_function)
    p.start()
    p.join()

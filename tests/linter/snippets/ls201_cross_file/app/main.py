import asyncio
from concurrent.futures import ThreadPoolExecutor

from app import notify as notify_module
from app.notify import notify_safely


def work(loop, fut):
    notify_module.notify(loop, fut, 42)


def safe_work(loop, fut):
    notify_safely(loop, fut, 42)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    with ThreadPoolExecutor() as pool:
        pool.submit(work, loop, fut)
        pool.submit(safe_work, loop, fut)
    return await fut

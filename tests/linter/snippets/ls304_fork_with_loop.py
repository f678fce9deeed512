# LS304: forking in a program that runs an event loop, in a coroutine, in a worker thread.
import asyncio
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor


def crunch(x):
    return x * x


async def handler():
    pid = os.fork()  # error: LS304
    return pid


async def main():
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(mp_context=multiprocessing.get_context("fork")) as pool:  # error: LS304, LS108
        return await loop.run_in_executor(pool, crunch, 3)


def reload_in_thread():
    os.fork()  # error: LS304


def serve():
    threading.Thread(target=reload_in_thread).start()
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(main())
    finally:
        loop.close()


if __name__ == "__main__":
    serve()

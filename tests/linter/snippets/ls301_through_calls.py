# LS301 through functions: a sync helper, a typed parameter, coroutines run by
# asyncio.run / Runner.run / anyio.run, a class whose __init__ starts a pool.
import asyncio
from concurrent.futures import ProcessPoolExecutor

import anyio
import multiprocessing as mp


def worker():
    return 1


def launch(proc: mp.Process) -> None:
    proc.start()


def start_all():
    launch(mp.Process(target=worker))


async def crunch():
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor() as pool:  # error: LS108
        return await loop.run_in_executor(pool, worker)


async def main():
    return await crunch()


class Service:
    def __init__(self):
        self.pool = mp.Pool(2)


async def quiet():
    await asyncio.sleep(0)


start_all()  # error: LS301
asyncio.run(main())  # error: LS301
with asyncio.Runner() as runner:
    runner.run(main())  # error: LS301
anyio.run(main)  # error: LS301
service = Service()  # error: LS301
asyncio.run(quiet())
crunch()  # a coroutine created and dropped runs nothing

# LS304 negatives: spawn/forkserver with threads and a loop; a start method given by a
# variable. (A fork with no threads: ls304_fork_alone.py.)
import asyncio
import multiprocessing
import threading


def work():
    return 1


def pick(method):
    multiprocessing.set_start_method("spawn")
    multiprocessing.get_context("forkserver")
    return multiprocessing.get_context(method)


async def main():
    await asyncio.to_thread(work)


if __name__ == "__main__":
    threading.Thread(target=work).start()
    asyncio.run(main())

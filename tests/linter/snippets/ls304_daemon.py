# LS304 negative: the classic daemon start forks (twice) before the loop and any
# thread exist, on a single chain of calls from the __main__ guard.
import asyncio
import os


def daemonize():
    if os.fork() > 0:
        os._exit(0)
    os.setsid()
    if os.fork() > 0:
        os._exit(0)


async def serve():
    await asyncio.to_thread(print, "serving")


def main():
    daemonize()
    asyncio.run(serve())


if __name__ == "__main__":
    main()

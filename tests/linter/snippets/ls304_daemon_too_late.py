# LS304: the same daemon start, but a thread is already running when it forks.
import asyncio
import os
import threading


def heartbeat():
    return 1


def daemonize():
    if os.fork() > 0:  # error: LS304
        os._exit(0)


async def serve():
    await asyncio.sleep(0)


def main():
    threading.Thread(target=heartbeat, daemon=True).start()
    daemonize()
    asyncio.run(serve())


if __name__ == "__main__":
    main()

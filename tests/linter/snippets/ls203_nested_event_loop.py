"""LS203: a second event loop started where one already runs."""

import asyncio
import threading
from asyncio import run as start

import anyio


async def fetch():
    return 1


def load():
    return asyncio.run(fetch())


def load_with(loop: asyncio.AbstractEventLoop):
    return loop.run_until_complete(fetch())


def deeper():
    return load()


def checks_first():
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(fetch())
    return None


def listen(socket_app):
    socket_app.run_forever()  # a websocket client's loop, not asyncio's


def thread_main():
    asyncio.run(fetch())


class Client:
    def __init__(self):
        self.loop = asyncio.new_event_loop()

    def get(self):
        return self.loop.run_until_complete(fetch())

    def close(self):
        self.loop.close()


async def main(client: Client):
    start(fetch())  # error: LS203
    asyncio.get_running_loop().run_until_complete(fetch())  # error: LS203
    anyio.run(fetch)  # error: LS203
    with asyncio.Runner() as runner:
        runner.run(fetch())  # error: LS203
    load()  # error: LS203
    deeper()  # error: LS203
    load_with(asyncio.get_running_loop())  # error: LS203
    client.get()  # error: LS203
    checks_first()
    listen(None)
    await asyncio.to_thread(load)
    await asyncio.get_running_loop().run_in_executor(None, thread_main)
    threading.Thread(target=thread_main).start()
    await fetch()


def cli():
    asyncio.run(main(Client()))


if __name__ == "__main__":
    cli()

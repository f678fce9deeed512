"""The same service after the port to asyncio.run and asyncio.Runner."""
from __future__ import annotations

import asyncio
import contextlib
import signal

import aiohttp


async def fetch_status(session: aiohttp.ClientSession, url: str) -> int:
    async with session.get(url) as resp:
        return resp.status


async def periodic(url: str, every: float, stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    async with aiohttp.ClientSession() as session:
        while not stop.is_set():
            print(await fetch_status(session, url))
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=every)


def run_twice() -> None:
    with asyncio.Runner() as runner:
        runner.run(periodic("https://example.org", 1, asyncio.Event()))
        runner.run(asyncio.sleep(0))


def main() -> None:
    asyncio.run(periodic("https://example.org", 30, asyncio.Event()))


if __name__ == "__main__":
    main()

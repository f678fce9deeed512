"""A service written for Python 3.6 and never modernised: get_event_loop everywhere."""
from __future__ import annotations

import asyncio
import signal

import aiohttp

loop = asyncio.get_event_loop()  # expect: LS2


async def fetch_status(url: str) -> int:
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as resp:
            return resp.status


async def schedule_refresh(delay: float) -> None:
    ev_loop = asyncio.get_event_loop()  # expect: LS2
    ev_loop.call_later(delay, lambda: None)


async def schedule_refresh_modern(delay: float) -> None:
    ev_loop = asyncio.get_running_loop()
    ev_loop.call_later(delay, lambda: None)


async def periodic(url: str, every: float) -> None:
    while True:
        print(await fetch_status(url))
        await asyncio.sleep(every)


def install_signal_handlers(stop: asyncio.Event) -> None:
    loop.add_signal_handler(signal.SIGTERM, stop.set)


def main() -> None:
    event_loop = asyncio.get_event_loop()  # expect: LS2
    try:
        event_loop.run_until_complete(periodic("https://example.org", 30))
    finally:
        event_loop.close()


if __name__ == "__main__":
    main()

"""Notifications from the ingest threads back to the asyncio side."""
from __future__ import annotations

import asyncio

_loop: asyncio.AbstractEventLoop | None = None
_done: asyncio.Queue[str] | None = None


def bind(loop: asyncio.AbstractEventLoop, done: asyncio.Queue[str]) -> None:
    global _loop, _done
    _loop, _done = loop, done


def batch_done(name: str) -> None:
    _loop.call_soon_threadsafe(_done.put_nowait, name)


def batch_done_unsafe(name: str) -> None:
    _done.put_nowait(name)  # expect: LS2


def schedule_retry(name: str) -> None:
    asyncio.ensure_future(_retry(name), loop=_loop)  # expect: LS2


async def _retry(name: str) -> None:
    await asyncio.sleep(1)
    await _done.put(f"retry:{name}")

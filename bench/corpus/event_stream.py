"""Server-sent events: async generators, async context managers and nested helpers."""
from __future__ import annotations

import asyncio
import contextlib
import json
import time
from pathlib import Path
from typing import AsyncIterator

LOG = Path("/var/log/app/events.jsonl")


async def tail_events(poll: float = 0.5) -> AsyncIterator[dict]:
    offset = 0
    while True:
        with LOG.open() as fh:  # expect: LS1
            fh.seek(offset)
            chunk = fh.read()  # expect: LS1
            offset = fh.tell()
        for line in chunk.splitlines():
            yield json.loads(line)
        await asyncio.sleep(poll)


async def tail_events_offloaded(poll: float = 0.5) -> AsyncIterator[dict]:
    offset = 0

    def read_from(start: int) -> tuple[str, int]:
        with LOG.open() as fh:
            fh.seek(start)
            return fh.read(), fh.tell()

    while True:
        chunk, offset = await asyncio.to_thread(read_from, offset)
        for line in chunk.splitlines():
            yield json.loads(line)
        await asyncio.sleep(poll)


async def tail_events_nested_call() -> AsyncIterator[str]:
    def read_all() -> str:
        return LOG.read_text()

    for line in read_all().splitlines():  # expect: LS1
        yield line


@contextlib.asynccontextmanager
async def timed(label: str):
    started = time.perf_counter()
    try:
        yield
    finally:
        print(f"{label}: {time.perf_counter() - started:.3f}s")


@contextlib.asynccontextmanager
async def exclusive(lockfile: Path):
    lockfile.write_text(str(time.time()))  # expect: LS1
    try:
        yield
    finally:
        lockfile.unlink(missing_ok=True)


async def sse(events: AsyncIterator[dict]) -> AsyncIterator[bytes]:
    async with timed("sse"):
        async for event in events:
            if event.get("type") == "sleep":
                time.sleep(event.get("seconds", 0))  # expect: LS1
            yield f"data: {json.dumps(event)}\n\n".encode()


async def sse_formatted(events: AsyncIterator[dict]) -> AsyncIterator[bytes]:
    encode = lambda e: f"data: {json.dumps(e)}\n\n".encode()  # noqa: E731
    async for event in events:
        yield encode(event)

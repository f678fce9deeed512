"""A websockets chat room with a transcript on disk."""
from __future__ import annotations

import asyncio
import datetime as dt
import json

import aiofiles
import websockets

CLIENTS: set = set()
TRANSCRIPT = "transcript.log"


async def append_transcript(line: str) -> None:
    async with aiofiles.open(TRANSCRIPT, "a") as fh:
        await fh.write(line + "\n")


async def append_transcript_blocking(line: str) -> None:
    with open(TRANSCRIPT, "a") as fh:  # expect: LS1
        fh.write(line + "\n")  # expect: LS1


async def broadcast(message: str) -> None:
    dead = []
    for ws in CLIENTS:
        try:
            await ws.send(message)
        except websockets.ConnectionClosed:
            dead.append(ws)
    for ws in dead:
        CLIENTS.discard(ws)


async def handler(ws) -> None:
    CLIENTS.add(ws)
    try:
        async for raw in ws:
            msg = json.loads(raw)
            line = f"{dt.datetime.now():%H:%M:%S} {msg['user']}: {msg['text']}"
            await append_transcript(line)
            await broadcast(line)
    finally:
        CLIENTS.discard(ws)


async def history(ws) -> None:
    async with aiofiles.open(TRANSCRIPT) as fh:
        lines = await fh.readlines()
    await ws.send("\n".join(lines[-50:]))


async def main() -> None:
    async with websockets.serve(handler, "0.0.0.0", 8765):
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main())

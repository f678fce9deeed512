"""A uvloop-powered gRPC-style echo service with a thread pool for CPU work."""
from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import zlib

import uvloop

THREADS = concurrent.futures.ThreadPoolExecutor(max_workers=8, thread_name_prefix="cpu")


def compress(data: bytes) -> bytes:
    return zlib.compress(data, 9)


def fingerprint(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    loop = asyncio.get_running_loop()
    try:
        while data := await reader.read(65536):
            packed = await loop.run_in_executor(THREADS, compress, data)
            tag = fingerprint(packed[:64])
            writer.write(len(packed).to_bytes(4, "big") + tag.encode() + packed)
            await writer.drain()
    finally:
        writer.close()
        await writer.wait_closed()


async def stats_blocking() -> int:
    fut = THREADS.submit(fingerprint, b"warm-up")
    return len(fut.result(timeout=5))  # expect: LS1


async def stats() -> int:
    fut = THREADS.submit(fingerprint, b"warm-up")
    return len(await asyncio.wrap_future(fut))


async def main() -> None:
    server = await asyncio.start_server(handle, "0.0.0.0", 7000)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    uvloop.install()
    try:
        asyncio.run(main())
    finally:
        THREADS.shutdown(wait=True)

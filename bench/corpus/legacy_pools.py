"""Executors handed to run_in_executor in an old service."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.pool import ThreadPool


def resize(blob: bytes) -> bytes:
    return blob[: len(blob) // 2]


class ImageService:
    def __init__(self) -> None:
        self.pool = ThreadPool(4)
        self.executor = ThreadPoolExecutor(max_workers=4)

    async def resize_broken(self, blob: bytes) -> bytes:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, resize, blob)  # expect: LS3

    async def resize(self, blob: bytes) -> bytes:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, resize, blob)

    async def resize_many(self, blobs: list[bytes]) -> list[bytes]:
        result = self.pool.map_async(resize, blobs)
        return await asyncio.to_thread(result.get)

    def close(self) -> None:
        self.pool.close()
        self.executor.shutdown()

"""Helpers copied around notebooks: run coroutines from cells, fetch in parallel."""
from __future__ import annotations

import asyncio
import concurrent.futures
import threading

import httpx


def run(coro):
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


async def fetch(url: str) -> int:
    async with httpx.AsyncClient() as client:
        return (await client.get(url)).status_code


async def fetch_many(urls: list[str]) -> list[int]:
    return await asyncio.gather(*(fetch(u) for u in urls))


async def fetch_many_nested(urls: list[str]) -> list[int]:
    return [run(fetch(u)) for u in urls]  # expect: LS1


def fetch_in_thread(url: str) -> int:
    result: list[int] = []
    t = threading.Thread(target=lambda: result.append(asyncio.run(fetch(url))))
    t.start()
    t.join()
    return result[0]


async def fetch_via_thread(url: str) -> int:
    return fetch_in_thread(url)  # expect: LS1


"""A sync facade over an async client, as libraries ship for notebook and script users."""
from __future__ import annotations

import asyncio
import threading
from typing import Any, Coroutine, TypeVar

import httpx

T = TypeVar("T")


class AsyncAPI:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    async def get_json(self, path: str) -> Any:
        async with httpx.AsyncClient(base_url=self.base_url) as client:
            resp = await client.get(path)
            resp.raise_for_status()
            return resp.json()


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion from sync code."""
    return asyncio.run(coro)


class SyncAPI:
    """Blocking wrapper: fine from scripts, wrong from inside a coroutine."""

    def __init__(self, base_url: str) -> None:
        self._api = AsyncAPI(base_url)

    def get_json(self, path: str) -> Any:
        return run_sync(self._api.get_json(path))


class LoopThread:
    """Runs one loop in a background thread so sync callers can share it."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float | None = None) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()
        self.loop.close()


async def dashboard(api: AsyncAPI) -> dict:
    users = await api.get_json("/users")
    stats = asyncio.run(api.get_json("/stats"))  # expect: LS2
    return {"users": users, "stats": stats}


async def dashboard_legacy(base_url: str) -> dict:
    return SyncAPI(base_url).get_json("/stats")  # expect: LS2


async def dashboard_loop_in_loop(api: AsyncAPI) -> Any:
    loop = asyncio.get_running_loop()
    return loop.run_until_complete(api.get_json("/stats"))  # expect: LS2


async def dashboard_fixed(api: AsyncAPI) -> dict:
    users, stats = await asyncio.gather(api.get_json("/users"), api.get_json("/stats"))
    return {"users": users, "stats": stats}


def script_entry(base_url: str) -> None:
    print(SyncAPI(base_url).get_json("/users"))
    runner = LoopThread()
    try:
        print(runner.run(AsyncAPI(base_url).get_json("/stats"), timeout=10))
    finally:
        runner.close()

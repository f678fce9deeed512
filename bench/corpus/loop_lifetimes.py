"""Places in a test-utilities module that create their own event loops."""
from __future__ import annotations

import asyncio
import threading
from typing import Any, Awaitable


def run_once(aw: Awaitable[Any]) -> Any:
    loop = asyncio.new_event_loop()  # expect: LS2
    return loop.run_until_complete(aw)


def run_once_closed(aw: Awaitable[Any]) -> Any:
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(aw)
    finally:
        loop.close()


def run_once_happy_path(aw: Awaitable[Any]) -> Any:
    loop = asyncio.new_event_loop()  # expect: LS2
    result = loop.run_until_complete(aw)
    loop.close()
    return result


def run_with_runner(aw: Awaitable[Any]) -> Any:
    with asyncio.Runner() as runner:
        return runner.run(aw)


class BackgroundLoop:
    """Owns a loop for its whole life; close() shuts it down."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()

    def submit(self, coro):
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    def close(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()

    def __enter__(self) -> "BackgroundLoop":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def worker_thread_body(results: list) -> None:
    """Each worker thread runs its own loop (pattern from the threading docs)."""
    loop = asyncio.new_event_loop()  # expect: LS2
    asyncio.set_event_loop(loop)
    results.append(loop.run_until_complete(asyncio.sleep(0.01, "done")))


def worker_thread_body_fixed(results: list) -> None:
    results.append(asyncio.run(asyncio.sleep(0.01, "done")))


def start_workers(n: int) -> list:
    results: list = []
    threads = [threading.Thread(target=worker_thread_body_fixed, args=(results,)) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results

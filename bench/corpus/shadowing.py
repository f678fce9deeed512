"""Retry helpers with injectable clocks, and names that shadow blocking builtins."""
from __future__ import annotations

import asyncio
import random
import time as t
from time import sleep as nap
from typing import Awaitable, Callable

from aiofiles import open


async def retry(
    fn: Callable[[], Awaitable[object]],
    attempts: int = 5,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> object:
    """`sleep` is a parameter so that tests can pass a fake clock."""
    for attempt in range(attempts):
        try:
            return await fn()
        except ConnectionError:
            await sleep(2**attempt + random.random())
    raise RuntimeError("gave up")


async def retry_sync_clock(fn, attempts: int = 3, sleep=None) -> object:
    sleep = sleep or (lambda seconds: None)
    for attempt in range(attempts):
        try:
            return await fn()
        except ConnectionError:
            sleep(attempt)
    raise RuntimeError("gave up")


async def legacy_backoff(attempt: int) -> None:
    nap(0.1 * attempt)  # expect: LS1


async def legacy_backoff_module_alias(attempt: int) -> None:
    t.sleep(0.1 * attempt)  # expect: LS1


async def timed(fn) -> float:
    started = t.perf_counter()
    await fn()
    return t.perf_counter() - started


async def read_config(path: str) -> str:
    async with open(path) as fh:  # aiofiles.open
        return await fh.read()


class Throttle:
    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.last = 0.0

    def sleep(self) -> float:
        """How long to wait before the next call (does not wait)."""
        return max(0.0, self.last + 1 / self.rate - t.monotonic())

    async def wait(self) -> None:
        delay = self.sleep()
        if delay:
            await asyncio.sleep(delay)
        self.last = t.monotonic()


async def local_function_named_sleep(items: list[str]) -> list[str]:
    def sleep(value: str) -> str:
        return value.strip().lower()

    return [sleep(item) for item in items]


async def input_is_a_variable(input: str) -> str:
    return input.upper()

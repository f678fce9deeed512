"""Type-checking-only imports and runtime fallbacks, as in many typed async libraries."""
from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3
    from time import sleep

    from requests import Session

    def _typecheck_only_example(conn: sqlite3.Connection) -> None:
        conn.execute("SELECT 1")
else:
    from asyncio import sleep


async def poll(check, interval: float = 0.5, attempts: int = 10) -> bool:
    for _ in range(attempts):
        if await check():
            return True
        await sleep(interval)
    return False


async def describe(session: "Session | None" = None) -> str:
    # The annotation only documents the legacy parameter; nothing is called on it.
    return "sync session" if session is not None else "none"


if TYPE_CHECKING:

    async def _typing_stub() -> None:
        sleep(1)


async def warm_up() -> None:
    await asyncio.gather(sleep(0.1), sleep(0.2))

"""A small on-disk cache library with an async front end.

The sync helpers are also used by the library's sync API, where blocking is fine."""
from __future__ import annotations

import asyncio
import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

CACHE_DIR = Path(os.environ.get("CACHE_DIR", ".cache"))


def _key_path(key: str) -> Path:
    return CACHE_DIR / hashlib.sha1(key.encode()).hexdigest()


def _read_entry(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        return None


def _is_fresh(entry: dict[str, Any]) -> bool:
    return entry["expires"] > time.time()


def get(key: str) -> Any:
    entry = _read_entry(_key_path(key))
    return entry["value"] if entry and _is_fresh(entry) else None


def put(key: str, value: Any, ttl: float = 300.0) -> None:
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    payload = json.dumps({"value": value, "expires": time.time() + ttl})
    _key_path(key).write_text(payload)


def _backoff(attempt: int) -> None:
    time.sleep(min(2**attempt, 30))


def _retrying(fn, attempts: int = 3):
    for attempt in range(attempts):
        try:
            return fn()
        except OSError:
            if attempt == attempts - 1:
                raise
            _backoff(attempt)


def put_with_retry(key: str, value: Any) -> None:
    _retrying(lambda: put(key, value))


def walk_depth(node: dict, depth: int = 0) -> int:
    """Recursive and pure: the depth of a nested JSON value."""
    children = [v for v in node.values() if isinstance(v, dict)]
    return max((walk_depth(c, depth + 1) for c in children), default=depth)


def size_on_disk(folder: Path) -> int:
    return sum(_count(p) for p in folder.iterdir())


def _count(path: Path) -> int:
    return size_on_disk(path) if path.is_dir() else len(path.read_bytes())


class AsyncCache:
    """The async API: every disk access goes through a worker thread."""

    async def get(self, key: str) -> Any:
        return await asyncio.to_thread(get, key)

    async def put(self, key: str, value: Any, ttl: float = 300.0) -> None:
        await asyncio.to_thread(put, key, value, ttl)

    async def depth(self, key: str) -> int:
        value = await self.get(key)
        return walk_depth(value) if isinstance(value, dict) else 0


class NaiveAsyncCache:
    """The first async API, kept for compatibility: it calls the sync helpers directly."""

    async def get(self, key: str) -> Any:
        return get(key)  # expect: LS1

    async def put(self, key: str, value: Any) -> None:
        put_with_retry(key, value)  # expect: LS1

    async def usage(self) -> int:
        return size_on_disk(CACHE_DIR)  # expect: LS1

    async def fingerprint(self, key: str) -> str:
        return _key_path(key).name

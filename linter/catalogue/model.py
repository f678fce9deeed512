"""The shapes of catalogue entries, and the alternatives that several libraries share.

Plain data only: this module is imported by the pytest plugin at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Iterable


class Kind(str, Enum):
    """What a blocking call waits for; each kind has its own LS1 rule."""

    SLEEP = "sleep"
    NETWORK = "network"
    SUBPROCESS = "subprocess"
    FILE = "file"
    DATABASE = "database"
    STDIN = "stdin"
    SYNC = "sync"  # thread synchronisation: locks, events, queues, joins
    FUTURES = "futures"  # concurrent.futures and multiprocessing waits
    CONFIGURED = "configured"  # named in the project's `blocking-calls` setting


@dataclass(frozen=True)
class NonBlockingWhen:
    """An argument that makes the call return at once (``get(block=False)``).

    ``position`` is the index among positional arguments *after* the receiver
    (``None`` when it can only be passed by keyword); ``values`` are the
    literal source spellings that make the call non-blocking.
    """

    keyword: str
    position: int | None
    values: tuple[str, ...]


@dataclass(frozen=True)
class BlockingAPI:
    name: str
    kind: Kind
    alternative: str
    nonblocking_when: tuple[NonBlockingWhen, ...] = ()
    # False where the runtime cannot patch it (C types); the plugin's lag
    # detector still sees the stall.
    patchable: bool = True


@dataclass(frozen=True)
class BlockingType:
    """A type whose every public method blocks (a generated API client, a sync driver).

    Listing each method would be endless (``boto3`` clients have one per service
    operation), so the type is named once. ``except_methods`` are the public methods that
    return at once (``get_paginator``, ``close``). Subclasses (``BASES``) and aliases
    inherit it; a method entry in ``BLOCKING_APIS`` still wins over the type's defaults.
    """

    name: str
    kind: Kind
    alternative: str
    except_methods: frozenset[str] = frozenset()

    def blocks(self, method: str) -> bool:
        return not method.startswith("_") and method not in self.except_methods

    def entry(self, method: str) -> BlockingAPI:
        """The entry a call of ``method`` gets: as if it were listed (not patchable)."""
        return BlockingAPI(f"{self.name}.{method}", self.kind, self.alternative, (), False)


def entries(kind: Kind, alternative: str, names: Iterable[str], *when: NonBlockingWhen,
            patchable: bool = True) -> list[BlockingAPI]:
    """Entries of one kind and alternative, one per qualified name."""
    return [BlockingAPI(n, kind, alternative, tuple(when), patchable) for n in names]


HTTP_VERBS = ("request", "get", "post", "put", "patch", "delete", "head", "options")

# Alternatives shared by the standard library and third-party entries.
HTTP = "an async HTTP client (`httpx.AsyncClient`, `aiohttp.ClientSession`), or `asyncio.to_thread`"
DB = "an async driver (aiosqlite, asyncpg, aiomysql, motor, redis.asyncio) or `asyncio.to_thread`"

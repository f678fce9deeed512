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
    # an argument of one of these inferred types: an in-memory buffer (`json.dump(d, io.StringIO())`)
    types: tuple[str, ...] = ()


@dataclass(frozen=True)
class BlocksWhenGiven:
    """The call blocks only when this argument is passed, with a value not in ``unless``:
    ``psutil.cpu_percent(interval=1)`` sleeps a second, ``cpu_percent()`` returns at once.
    ``position`` counts as in ``NonBlockingWhen``."""

    keyword: str
    position: int | None
    unless: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReturnsWhen:
    """A call of ``callee`` makes a ``type`` (rather than the callee's own type) when its
    argument at ``keyword``/``position`` is absent or one of the literal ``values``:
    ``queue.Queue()`` with no ``maxsize`` is unbounded, and its ``put`` never waits."""

    callee: str
    keyword: str
    position: int | None
    values: tuple[str, ...]
    type: str


@dataclass(frozen=True)
class BlockingAPI:
    name: str
    kind: Kind
    alternative: str
    nonblocking_when: tuple[NonBlockingWhen, ...] = ()
    # False where the runtime cannot patch it (C types); the plugin's lag
    # detector still sees the stall.
    patchable: bool = True
    # when given, the call blocks only if one of these arguments is passed
    only_when: tuple[BlocksWhenGiven, ...] = ()


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

    def entry(self, method: str, owner: str | None = None) -> BlockingAPI:
        """The entry a call of ``method`` gets: as if it were listed (not patchable);
        ``owner`` names the type where this one is a pattern."""
        return BlockingAPI(f"{owner or self.name}.{method}", self.kind, self.alternative, (), False)


def entries(kind: Kind, alternative: str, names: Iterable[str], *when: NonBlockingWhen | BlocksWhenGiven,
            patchable: bool = True) -> list[BlockingAPI]:
    """Entries of one kind and alternative, one per qualified name; ``when`` mixes the
    arguments that make the call return at once and those without which it does."""
    unless = tuple(w for w in when if isinstance(w, NonBlockingWhen))
    only = tuple(w for w in when if isinstance(w, BlocksWhenGiven))
    return [BlockingAPI(n, kind, alternative, unless, patchable, only) for n in names]


def blocking_type(name: str, kind: Kind, alternative: str, *local: str) -> BlockingType:
    """A type whose public methods all block but the ``local`` ones (which build or inspect)."""
    return BlockingType(name, kind, alternative, frozenset(local))


# in-memory file objects: reading or writing them touches no disk
IN_MEMORY = ("io.BytesIO", "io.StringIO")


def in_memory(keyword: str, position: int | None) -> NonBlockingWhen:
    """The file argument at ``keyword``/``position`` is an in-memory buffer: nothing waits."""
    return NonBlockingWhen(keyword, position, (), IN_MEMORY)


HTTP_VERBS = ("request", "get", "post", "put", "patch", "delete", "head", "options")

# Alternatives shared by the standard library and third-party entries.
HTTP = "an async HTTP client (`httpx.AsyncClient`, `aiohttp.ClientSession`), or `asyncio.to_thread`"
DB = "an async driver (aiosqlite, asyncpg, aiomysql, motor, redis.asyncio) or `asyncio.to_thread`"

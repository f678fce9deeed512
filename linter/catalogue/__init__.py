"""The catalogue of API knowledge: one table that the linter and the pytest plugin both read.

It is plain data on purpose. The linter resolves names in source code to the qualified names
below; the pytest plugin imports the same names at runtime and intercepts them while an event
loop runs on the calling thread. Importing this package must stay cheap (no libcst, no
third-party imports): it is loaded at pytest start-up. No other module of the linter spells a
qualified API name: it asks the catalogue (a test counts the literals elsewhere).

Names are fully qualified as a user would spell them with plain imports: ``time.sleep``,
``socket.socket.recv`` (a method: type, then method name), ``requests.Session.get``.

Where the knowledge lives:

- ``stdlib.py``: the standard library's blocking calls, return types, attributes, bases, aliases;
- ``concurrency.py``: loop runners, loop APIs, hand-offs to threads and processes, pool and
  executor types, lock types: what the LS2/LS3 rules and the where-code-runs analysis ask;
- ``libraries/<name>.py``: one module per third-party library.

A library module is plain data; every name below is optional:

``BLOCKING_APIS``
    a list of ``BlockingAPI`` (``model.entries(kind, alternative, names, *nonblocking_when,
    patchable=...)`` makes them): calls that block, by qualified name (``boto3.client``) or as
    ``Type.method`` (``redis.Redis.get``).
``BLOCKING_TYPES``
    a list of ``BlockingType(name, kind, alternative, except_methods=frozenset(...))``: a type
    whose every public method blocks (a generated API client); ``lookup_method`` honours it
    through the type's ancestry (``BASES``) and aliases, after explicit method entries. A name
    with ``*`` is a pattern over qualified names (``*_pb2_grpc.*Stub``: the stubs gRPC
    generates, whose module the analysed project may not contain).
``RETURNS``
    ``{callee: type}``: what a call produces (``"redis.from_url": "redis.Redis"``); ``list[T]``
    and ``tuple[T]`` for containers of ``T``; ``"T.__call__"`` for calling an instance,
    ``"T.__getitem__"`` for subscribing one (``client["db"]``).

Blocking entries named ``T.__iter__``, ``T.__len__``, ``T.__bool__`` are what iterating, ``len()``,
``list()``/``sorted()``... and truth-testing an instance of ``T`` call (a Django queryset runs
its query then); ``T.__call__`` is calling an instance, ``T.__enter__`` entering it in a ``with``.
``ATTRIBUTES``
    ``{type: {attribute: type}}``; the attribute ``"*"`` stands for any attribute.
``BASES``
    ``{subclass: (base, ...)}``: the subclass inherits the bases' entries.
``ALIASES``
    ``{other spelling: catalogue name}``: a private module path (``redis.client.Redis``) or a
    second public name.
``RETURNS_WHEN``
    a list of ``ReturnsWhen``: constructions and calls whose arguments decide what they make
    (``queue.Queue()`` without a ``maxsize``; ``containers.run(...)`` without ``detach=True``
    returns the output, not a container).
``VARIANTS``
    ``{name: type}``: the linter's own names for a type in a known state, which no module
    defines (``queue.UnboundedQueue``: a ``queue.Queue`` made without a ``maxsize``); a variant
    inherits its type's entries, and ``NON_BLOCKING`` names what it does not share.
``SWITCHES``
    ``{(type, method): (literal arguments, variant)}``: a method call that puts the object in
    a variant's state (``sock.setblocking(False)``: a non-blocking socket).
``ASYNC_ITERABLE``
    types whose instances iterate with ``async for`` as well as ``for`` (a Django queryset):
    iterating one is a blocking ``__iter__`` only where the loop is known to be a ``for``.

Two modules giving the same key is a mistake: the first (stdlib, then libraries in name
order) is kept and the clash is listed in ``CONFLICTS`` (a test keeps it empty).
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from functools import lru_cache
from types import ModuleType
from typing import Mapping

from . import concurrency, libraries, python, stdlib
from .model import BlockingAPI, BlockingType, Kind, NonBlockingWhen, ReturnsWhen

__all__ = [
    "ALIASES", "ASYNC_ITERABLE", "ATTRIBUTES", "BASES", "BLOCKING", "BLOCKING_APIS", "BLOCKING_TYPES", "CONFLICTS",
    "NON_BLOCKING", "RETURNS", "RETURNS_WHEN", "SWITCHES", "VARIANTS", "BlockingAPI", "BlockingType", "Kind", "NonBlockingWhen",
    "ReturnsWhen", "concurrency", "libraries", "python", "stdlib",
    "async_iterable", "attribute", "canonical", "lookup", "lookup_method", "returns", "type_ancestry",
]

_SOURCES: tuple[ModuleType, ...] = (stdlib, *libraries.modules())
_conflicts: list[str] = []


def _merged(field: str, key=lambda item: item) -> dict:
    """One table from every source's ``field``, first source winning a clash."""
    merged: dict = {}
    origin: dict = {}
    for source in _SOURCES:
        table = getattr(source, field, None) or {}
        items = table.items() if isinstance(table, Mapping) else ((key(v), v) for v in table)
        for name, value in items:
            if name in merged:
                if merged[name] != value:
                    _conflicts.append(f"{field}[{name!r}]: {origin[name]} and {source.__name__}")
                continue
            merged[name] = value
            origin[name] = source.__name__
    return merged


BLOCKING: Mapping[str, BlockingAPI] = _merged("BLOCKING_APIS", key=lambda api: api.name)
BLOCKING_APIS: tuple[BlockingAPI, ...] = tuple(BLOCKING.values())
BLOCKING_TYPES: Mapping[str, BlockingType] = _merged("BLOCKING_TYPES", key=lambda t: t.name)
_TYPE_PATTERNS: tuple[BlockingType, ...] = tuple(t for name, t in BLOCKING_TYPES.items() if "*" in name)
# What a call returns, when that is not the callee itself (a class returns an instance of
# itself: `threading.Lock()` is a `threading.Lock`).
RETURNS: Mapping[str, str] = _merged("RETURNS")
# Attribute types: `Path(p).parent` is a Path, `proc.stdout` a file.
ATTRIBUTES: Mapping[str, Mapping[str, str]] = _merged("ATTRIBUTES")
# The linter's names for a type in a known state (an unbounded queue) -> the type.
VARIANTS: Mapping[str, str] = _merged("VARIANTS")
# Subclass -> bases whose catalogue entries it inherits; a variant inherits its type's.
BASES: Mapping[str, tuple[str, ...]] = {**_merged("BASES"), **{v: (t,) for v, t in VARIANTS.items()}}
# Other spellings of the same object, mapped to the catalogue's name.
ALIASES: Mapping[str, str] = _merged("ALIASES")
# Types that iterate both with `for` (blocking) and `async for` (not).
ASYNC_ITERABLE: frozenset[str] = frozenset(_merged("ASYNC_ITERABLE", key=lambda name: name))
# constructions whose arguments decide the type they make (`queue.Queue()` unbounded)
_RETURNS_WHEN = [when for source in _SOURCES for when in getattr(source, "RETURNS_WHEN", ())]
RETURNS_WHEN: Mapping[str, tuple[ReturnsWhen, ...]] = {
    callee: tuple(w for w in _RETURNS_WHEN if w.callee == callee) for callee in {w.callee for w in _RETURNS_WHEN}}
NON_BLOCKING: frozenset[str] = stdlib.NON_BLOCKING
SWITCHES: Mapping[tuple[str, str], tuple[tuple[str, ...], str]] = stdlib.SWITCHES
CONFLICTS: tuple[str, ...] = tuple(_conflicts)


def canonical(name: str) -> str:
    """The catalogue's spelling of a qualified name."""
    return ALIASES.get(name, name)


@lru_cache(maxsize=None)  # asked for every typed call; the tables do not change
def type_ancestry(type_name: str) -> tuple[str, ...]:
    """A type and the bases whose entries it inherits, nearest first."""
    seen = [canonical(type_name)]
    for t in seen:
        for base in BASES.get(t, ()):
            base = canonical(base)
            if base not in seen:
                seen.append(base)
    return tuple(seen)


def lookup(name: str) -> BlockingAPI | None:
    """The entry for a function's qualified name, if it blocks."""
    return BLOCKING.get(canonical(name))


def lookup_method(type_name: str, method: str) -> BlockingAPI | None:
    """The entry for ``method`` called on an instance of ``type_name``: a listed method of the
    type or its nearest base, else the nearest blocking type that does not exempt it."""
    ancestry = type_ancestry(type_name)
    for t in ancestry:
        api = BLOCKING.get(f"{t}.{method}")
        if api is not None:
            return api
    for t in ancestry:
        blocking = BLOCKING_TYPES.get(t)
        if blocking is not None and blocking.blocks(method):
            return blocking.entry(method)
        pattern = next((p for p in _TYPE_PATTERNS if fnmatchcase(t, p.name)), None)
        if pattern is not None and pattern.blocks(method):
            return pattern.entry(method, t)
    return None


def async_iterable(type_name: str) -> bool:
    """Whether instances of the type iterate with ``async for`` too (a Django queryset)."""
    return any(t in ASYNC_ITERABLE for t in type_ancestry(type_name))


def attribute(type_name: str, name: str) -> str | None:
    """The type of attribute ``name`` of an instance of ``type_name``, where known."""
    for t in type_ancestry(type_name):
        table = ATTRIBUTES.get(t)
        if table:
            found = table.get(name) or table.get("*")
            if found:
                return found
    return None


def returns(callee: str) -> str | None:
    """The type a call of ``callee`` produces, where the catalogue knows it; for a method
    (``T.m``) also as inherited from ``T``'s bases."""
    callee = canonical(callee)
    result = RETURNS.get(callee)
    if result is None and "." in callee:
        owner, _, method = callee.rpartition(".")
        result = next((found for t in type_ancestry(owner) if (found := RETURNS.get(f"{t}.{method}"))), None)
    return canonical(result) if result else None

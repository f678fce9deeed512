"""Exact stall measurement on asyncio's own loops: every loop iteration, timed at the selector.

An asyncio selector loop spends each iteration in two parts: the wait in
``selector.select`` (idle) and the callbacks that follow it (busy). A stand-in
for the loop's selector notes when ``select`` returns and, when it is called
again, how long the loop was busy in between: the exact length of that
iteration, whatever held it (CPU, C code, a blocking call). It costs two clock
reads and a method call per iteration -- asyncio's debug mode reads the clock
twice per callback -- and nothing per await that does not end an iteration.
(A stand-in class with ``__getattr__`` cost three times as much: it slows every
attribute lookup on the object.)

Loops that are not asyncio selector loops (uvloop, the proactor on Windows)
keep the heartbeat of ``lag.py``.
"""

from __future__ import annotations

from asyncio.base_events import BaseEventLoop
from asyncio.selector_events import BaseSelectorEventLoop
from time import perf_counter
from typing import Any, Callable

# The selector methods asyncio calls, bound once so that they cost nothing extra.
_DELEGATED = ("register", "unregister", "modify", "get_key", "get_map", "close")


class TimedSelector:
    """Stands in for a loop's selector; ``watch.since`` is when the running iteration
    began (None while the loop waits in ``select``), and ``on_stall(watch, now)`` hears
    of every iteration that lasted ``watch.limit`` or more.

    ``select`` and the selector methods asyncio calls are plain attributes (a closure,
    bound methods): no method lookup, no ``__getattr__``, on the loop's hottest path."""

    def __init__(self, selector: Any, watch: Any, on_stall: Callable[[Any, float], None]) -> None:
        self.watch = watch
        self.on_stall = on_stall
        self.wrap(selector)

    def wrap(self, selector: Any) -> None:
        self.selector = selector
        for name in _DELEGATED:
            setattr(self, name, getattr(selector, name))
        self.select = _timed_select(selector.select, self.watch, self.on_stall)


def _timed_select(select: Callable, watch: Any, on_stall: Callable[[Any, float], None],
                  clock: Callable[[], float] = perf_counter) -> Callable:
    def timed_select(timeout: float | None = None) -> Any:
        now = clock()
        since = watch.since
        if since is not None and now - since >= watch.limit:
            on_stall(watch, now)
        watch.since = None
        try:
            return select(timeout)
        finally:
            watch.since = clock()
    return timed_select


def can_time(loop: Any) -> bool:
    """An asyncio selector loop that runs asyncio's own iteration: a loop that replaces
    ``_run_once`` (loopsafe's exploring loop, on virtual time) may call ``select`` as
    it likes, so its selector says nothing about how long an iteration held it."""
    return (isinstance(loop, BaseSelectorEventLoop) and getattr(loop, "_selector", None) is not None
            and type(loop)._run_once is BaseEventLoop._run_once)


def install(loop: Any, watch: Any, on_stall: Callable[[Any, float], None]) -> TimedSelector:
    """Time ``loop``'s iterations from now on (call on the loop's thread, between iterations)."""
    timed = TimedSelector(loop._selector, watch, on_stall)
    loop._selector = timed
    return timed


def remove(loop: Any, timed: TimedSelector) -> None:
    """Take ``timed`` out of ``loop``'s selector chain (another watcher may have wrapped it)."""
    current = getattr(loop, "_selector", None)
    if current is timed:
        loop._selector = timed.selector
        return
    while isinstance(current, TimedSelector):
        if current.selector is timed:
            current.wrap(timed.selector)
            return
        current = current.selector

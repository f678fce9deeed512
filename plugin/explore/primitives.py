"""The thread primitives the explorer schedules: locks, sleeps and the clock.

While a test is explored, ``threading.Lock``, ``threading.RLock`` and the waiter locks
of ``threading.Condition`` are made by this module, so every primitive built on them
(``Condition``, ``Event``, ``Semaphore``, ``queue.Queue``, ``concurrent.futures.Future``)
is seen: a participant of the exploration (the loop's thread or a controlled worker)
that waits on one hands control to the scheduler instead of blocking the process.
Any other thread gets a plain lock's behaviour, so a lock made here stays correct
after the exploration ends. ``time.sleep`` and ``time.monotonic`` are virtual for
participants: a worker's ``sleep(5)`` costs nothing, and waits with a timeout
(``Queue.get(timeout=...)``) see the virtual clock move.
"""

from __future__ import annotations

import _thread
import os
import queue
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

real_allocate_lock = _thread.allocate_lock
real_monotonic = time.monotonic


class _Active:
    """The scheduler of the example running now (None between examples)."""

    scheduler: Any = None


ACTIVE = _Active()


class _Internal(threading.local):
    """Set while the explorer makes or starts threads: their locks stay real, and the
    thread doing it waits for them as any thread would."""

    on = False


_internal = _Internal()


@contextmanager
def real_primitives() -> Iterator[None]:
    _internal.on = True
    try:
        yield
    finally:
        _internal.on = False


def real_wait(seconds: float) -> None:
    """Wait in real time without ``time.sleep`` (which the detectors watch and we patch)."""
    lock = real_allocate_lock()
    lock.acquire()
    lock.acquire(timeout=seconds)


def participant() -> tuple[Any, Any]:
    """The running example's scheduler and the calling thread's part in it (or Nones)."""
    scheduler = ACTIVE.scheduler
    if scheduler is None or _internal.on:
        return None, None
    return scheduler, scheduler.participant()


class ExploreLock:
    """A ``threading.Lock`` whose waits the explorer schedules.

    The state is a real lock, so a thread outside the exploration waits on it as on
    any lock. ``holder`` says who took it (for the deadlock report).
    """

    __slots__ = ("__weakref__", "_lock", "holder")

    def __new__(cls) -> Any:
        if _internal.on:
            return real_allocate_lock()
        return super().__new__(cls)

    def __init__(self) -> None:
        self._lock = real_allocate_lock()
        self.holder: Any = None

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        scheduler, who = participant()
        if who is not None:
            return scheduler.acquire(self, who, blocking, timeout)
        got = self._lock.acquire(blocking, timeout)
        if got:
            self.holder = None
        return got

    def release(self) -> None:
        self._lock.release()
        self.holder = None

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    def locked(self) -> bool:
        return self._lock.locked()

    def try_take(self) -> bool:
        return self._lock.acquire(False)

    def _at_fork_reinit(self) -> None:
        self._lock = real_allocate_lock()
        self.holder = None

    acquire_lock, release_lock, locked_lock = acquire, release, locked  # _thread's old names

    def __repr__(self) -> str:
        state = "locked" if self.locked() else "unlocked"
        return f"<{state} threading.Lock (explored) at {id(self):#x}>"


def _make_rlock(*args: Any, **kwargs: Any) -> Any:
    """``threading.RLock``: the pure-Python RLock, whose inner lock is an ``ExploreLock``
    (it is made through ``threading._allocate_lock``, patched below)."""
    if _internal.on:
        return _real_rlock(*args, **kwargs)
    return threading._PyRLock(*args, **kwargs)


_real_rlock = threading.RLock


def _sleep(previous: Callable[[float], None]) -> Callable[[float], None]:
    def sleep(seconds: float) -> None:
        scheduler, who = participant()
        if who is None:
            return previous(seconds)
        scheduler.sleep(who, seconds)
    sleep.__name__ = sleep.__qualname__ = "sleep"
    sleep.__doc__ = previous.__doc__
    return sleep


def _monotonic(previous: Callable[[], float]) -> Callable[[], float]:
    def monotonic() -> float:
        scheduler, who = participant()
        if who is None:
            return previous()
        return scheduler.now
    monotonic.__name__ = monotonic.__qualname__ = "monotonic"
    return monotonic


# (owner, attribute, replacement given the current value)
_PATCHES: tuple[tuple[Any, str, Callable[[Any], Any]], ...] = (
    (threading, "Lock", lambda _: ExploreLock),
    (threading, "_allocate_lock", lambda _: ExploreLock),
    (threading, "RLock", lambda _: _make_rlock),
    (time, "sleep", _sleep),
    (time, "monotonic", _monotonic),
    (threading, "_time", _monotonic),  # Condition.wait_for, Semaphore and Barrier timeouts
    (queue, "time", _monotonic),  # Queue.get/put(timeout=...)
)


@contextmanager
def _patched(patches: tuple[tuple[Any, str, Callable[[Any], Any]], ...],
             modules: Iterable[ModuleType] = ()) -> Iterator[None]:
    """Apply ``patches``; in ``modules`` (the user's), names bound to a patched original
    (``from time import sleep``, ``from threading import Lock``) are rebound too."""
    saved: list[tuple[Any, str, Any]] = []
    try:
        for owner, name, make in patches:
            original = getattr(owner, name)
            replacement = make(original)
            targets = [(owner, name)] + [(module, key) for module in modules
                                         for key, value in list(vars(module).items())
                                         if value is original]
            for target, key in targets:
                saved.append((target, key, getattr(target, key)))
                setattr(target, key, replacement)
        yield
    finally:
        for owner, name, value in reversed(saved):
            setattr(owner, name, value)


def user_modules(rootdir: str) -> list[ModuleType]:
    """The imported modules that live under ``rootdir`` (not in a virtualenv there, and
    not loopsafe's own, which keep the real primitives they captured)."""
    root = os.path.join(os.path.realpath(rootdir), "")
    found = []
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None) or ""
        if path and not name.startswith("loopsafe") and "site-packages" not in path \
                and os.path.realpath(path).startswith(root):
            found.append(module)
    return found


def explored_primitives(modules: Iterable[ModuleType] = ()) -> Any:
    """Make locks explorable and sleeps virtual while the block runs."""
    return _patched(_PATCHES, modules)


def explorable_locks() -> Any:
    """Only the lock factories: the locks a test module makes at import time (module
    level) can then be scheduled when its tests are explored."""
    return _patched(_PATCHES[:3])

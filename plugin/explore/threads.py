"""Threads the code under test starts itself, adopted as workers.

A ``threading.Thread`` started by a participant (the loop's thread or a worker) while
a test is explored runs its ``run`` under the scheduler like an executor's job: it
waits for its first turn before its first instruction and hands control back at the
same instrumented points. The thread waits at the first event of a profile hook that
``threading`` installs in each new thread just before ``run`` (so subclasses that
override ``run`` are adopted too), and the hook then watches for the end of the
thread's bootstrap. ``join`` waits for an adopted thread through the scheduler. When
the example ends, a thread still running is unwound at its next instrumented point.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from .executor import job_name
from .primitives import ACTIVE, participant, real_primitives
from .scheduler import Wait, _Abort

_BOOTSTRAP = threading.Thread._bootstrap_inner.__code__


def _bootstrap_frame(frame: Any) -> Any:
    while frame is not None and frame.f_code is not _BOOTSTRAP:
        frame = frame.f_back
    return frame


def _first_event(frame: Any, event: str, arg: Any) -> None:
    """The profile hook of every thread started while exploring: an adopted thread waits
    here for its first turn, then is watched until its bootstrap returns."""
    sys.setprofile(None)
    scheduler = ACTIVE.scheduler
    worker = scheduler.adopted.get(threading.current_thread()) if scheduler is not None else None
    bootstrap = _bootstrap_frame(frame)
    if worker is None or bootstrap is None or not scheduler.enter(worker):
        return

    def until_the_end(frame: Any, event: str, arg: Any) -> None:
        if event == "return" and frame is bootstrap:
            sys.setprofile(None)
            scheduler.leave(worker)
    sys.setprofile(until_the_end)


def _start(original: Callable) -> Callable:
    @functools.wraps(original)
    def start(thread: threading.Thread) -> None:
        scheduler, who = participant()
        if who is None or threading._profile_hook is not _first_event:
            return original(thread)
        scheduler.adopt(thread, job_name(getattr(thread, "_target", None) or thread.run))
        with real_primitives():  # the thread's start-up handshake is not a decision
            original(thread)
    return start


def _join(original: Callable) -> Callable:
    @functools.wraps(original)
    def join(thread: threading.Thread, timeout: float | None = None) -> None:
        scheduler, who = participant()
        worker = scheduler.adopted.get(thread) if who is not None else None
        if worker is None:
            return original(thread, timeout)
        deadline = None if timeout is None else scheduler.now + max(timeout, 0.0)
        scheduler.block(who, Wait(f"joins {worker.name}", ready=lambda: worker.done, deadline=deadline))
        if worker.done:
            with real_primitives():
                original(thread)  # its bootstrap is returning: a moment
    return join


def _excepthook(original: Callable) -> Callable:
    @functools.wraps(original)
    def excepthook(args: Any) -> None:
        if not isinstance(args.exc_value, _Abort):  # a thread unwound at the example's end
            original(args)
    return excepthook


@contextmanager
def explored_threads() -> Iterator[None]:
    """Adopt the threads participants start (unless a profiler already uses the hook)."""
    if threading._profile_hook is not None:
        yield
        return
    cls = threading.Thread
    saved = cls.__dict__["start"], cls.__dict__["join"], threading.excepthook
    cls.start, cls.join = _start(saved[0]), _join(saved[1])
    threading.excepthook = _excepthook(saved[2])
    threading._profile_hook = _first_event
    try:
        yield
    finally:
        threading._profile_hook = None
        cls.start, cls.join = saved[:2]
        threading.excepthook = saved[2]

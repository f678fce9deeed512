"""trio: the tasks a test leaves running where trio can show them.

A trio nursery cannot outlive the block that opened it, so a task cannot leak past
the code that owns it. What can be seen is the trio counterpart of the tasks an
asyncio runner cancels at the end of a test: a task the user's code started in a
nursery it does not own -- pytest-trio's ``nursery`` fixture, or trio's system
nursery (``spawn_system_task``) -- and that was still running when that nursery was
cancelled, at the end of the test or of the run. A nursery the user's code opened
and cancelled is the user's own way of stopping its tasks, never reported.

``TrioTaskLeaks`` is one more trio instrument per run (added by ``TrioRuns``):
``task_spawned`` notes where the user's code started each task, ``task_exited``
reports those whose nursery was cancelled by code that is not the user's (the
opener of a nursery is the innermost frame of its parent task outside trio and
anyio: the parent waits in the nursery's ``__aexit__``).
"""

from __future__ import annotations

import sys
import weakref
from typing import Any, Callable

from ..events import Event, Location
from .frames import UserCode

_RUNTIME_MODULES = ("trio", "anyio", "sniffio", "outcome", "contextlib")


class TrioTaskLeaks:
    """A trio instrument (duck-typed: nothing here imports trio) that reports to ``record``."""

    def __init__(self, user_code: UserCode, record: Callable[[Event], None]) -> None:
        self._user_code = user_code
        self._record = record
        self._origins: weakref.WeakKeyDictionary[Any, Location] = weakref.WeakKeyDictionary()

    def task_spawned(self, task: Any) -> None:
        """Where the user's code started ``task``; not for trio's own tasks (a run's
        ``TrioToken.run_sync_soon`` task, started on the way in from the user's
        ``trio.run``)."""
        if _runtime(getattr(task.coro, "cr_frame", None)):
            return
        origin = self._user_code.started_by(sys._getframe(1))
        if origin is not None:
            self._origins[task] = origin

    def task_exited(self, task: Any) -> None:
        origin = self._origins.pop(task, None)
        nursery = task.parent_nursery
        if origin is None or nursery is None or not nursery.cancel_scope.cancel_called:
            return
        opener = _opener(nursery.parent_task)
        if opener is not None and self._user_code.is_user(opener):
            return  # the user's own nursery, cancelled by the user's code
        by = opener.f_globals.get("__name__", "?") if opener is not None else "trio"
        self._record(Event(
            "leaked-task", f"trio task {task.name} was still running when its nursery (opened by "
            f"{by}, not by the test) was cancelled; started at {origin}", location=origin))


def _opener(parent_task: Any) -> Any:
    """The frame that opened the nursery ``parent_task`` waits in: its innermost frame
    outside trio and anyio (None: trio's own, the system nursery)."""
    opener = None
    for frame, _ in parent_task.iter_await_frames():
        if not _runtime(frame):
            opener = frame
    return opener


def _runtime(frame: Any) -> bool:
    """The frame is trio's or anyio's own code."""
    module = frame.f_globals.get("__name__", "") if frame is not None else ""
    return any(module == m or module.startswith(m + ".") for m in _RUNTIME_MODULES)

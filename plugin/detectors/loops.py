"""The loop registry: every event loop of the process, where it was made and where it runs.

Both detectors need to know which loops exist and which thread runs each one,
whoever started it: pytest-asyncio, anyio, ``asyncio.run`` inside a test, a
``thread_loop``, or the code under test in a thread of its own. They all go
through one funnel, ``asyncio._set_running_loop``, which ``run_forever`` calls
when a loop starts and stops running on a thread -- asyncio's loops through
``asyncio.events._set_running_loop``, uvloop through ``asyncio._set_running_loop``
(bound when uvloop is imported, so the registry should be installed first, as the
plugin does at session start). Hooking that funnel sees every loop
implementation without touching the loop classes. ``asyncio.Runner.run`` is
hooked too, so a loop that bypasses the funnel (uvloop imported before the
registry) is still seen while ``asyncio.run``, pytest-asyncio or anyio run it.

Creation is recorded from ``BaseEventLoop.__init__`` (loops that never run are
the typical leak); other implementations are recorded when they first run.
Pending tasks are reported to listeners just before ``asyncio.Runner`` (used by
``asyncio.run``, pytest-asyncio and anyio) cancels them, so a leak detector can
name them while they still exist.
"""

from __future__ import annotations

import asyncio
import asyncio.events
import asyncio.runners
import functools
import itertools
import sys
import threading
import weakref
from dataclasses import dataclass, field
from typing import Any, Callable

from loopsafe.plugin.detectors.frames import UserCode
from loopsafe.plugin.detectors.patching import Patcher
from loopsafe.plugin.events import Location


# How far above create_task the user's frame may be (TaskGroup, anyio's task group
# and similar helpers sit in between). A bounded walk keeps task creation cheap:
# the framework's own tasks, with no user frame at all, would walk the whole stack.
_TASK_ORIGIN_DEPTH = 12
# Modules whose ``_cancel_all_tasks(loop)`` a runner calls at its end: asyncio's, and the
# backports pytest-asyncio and anyio use before Python 3.11.
_RUNNER_MODULES = ("asyncio.runners", "backports.asyncio.runner.runner", "anyio._backends._asyncio")


@dataclass
class LoopRecord:
    loop_ref: weakref.ref  # the loop
    thread: threading.Thread | None  # the thread it last ran in
    created_stack: list[str] = field(default_factory=list)  # "path:line function", user frames
    created_location: Location | None = None


class LoopRegistry:
    """Knows every event loop of the process: created, running (in which thread), closed.

    Works for asyncio's loops and any other implementation (uvloop), and for loops
    started by asyncio.run/Runner, pytest-asyncio, anyio, run_until_complete or
    run_forever in any thread.
    """

    def __init__(self, user_code: UserCode):
        self.user_code = user_code
        self._lock = threading.Lock()
        self._seq = itertools.count()
        self._records: dict[int, LoopRecord] = {}  # creation order
        self._record_of: weakref.WeakKeyDictionary[Any, LoopRecord] = weakref.WeakKeyDictionary()
        self._running: dict[int, tuple[asyncio.AbstractEventLoop, threading.Thread]] = {}
        self._task_origins: weakref.WeakKeyDictionary[Any, Location] = weakref.WeakKeyDictionary()
        self._listeners: list[Any] = []
        self._patcher = Patcher()
        self._runner_modules_seen: set[str] = set()

    # -- lifecycle ---------------------------------------------------------

    def install(self) -> None:
        """Begin tracking; idempotent."""
        if self._patcher:
            return
        self._patcher.replace(asyncio.events, "_set_running_loop", self._wrap_set_running_loop)
        self._patcher.replace(asyncio, "_set_running_loop", self._wrap_set_running_loop)
        self._patcher.replace(asyncio.BaseEventLoop, "__init__", self._wrap_loop_init)
        runner = getattr(asyncio.runners, "Runner", None)  # Python 3.11+
        if runner is not None:
            self._patcher.replace(runner, "run", self._wrap_runner_run)
        self._patcher.replace(asyncio.BaseEventLoop, "create_task", self._wrap_create_task)
        # asyncio.create_task reaches loops whose create_task cannot be patched (uvloop).
        self._patcher.replace(asyncio, "create_task", self._wrap_create_task_function)
        self._runner_modules_seen.clear()
        self._patch_runners()

    def _patch_runners(self) -> None:
        """Hook the runners' task cancellation in each module that has one, once imported
        (before Python 3.11, pytest-asyncio and anyio bring their own ``Runner``)."""
        for name in _RUNNER_MODULES:
            module = sys.modules.get(name)
            if module is not None and name not in self._runner_modules_seen and \
                    hasattr(module, "_cancel_all_tasks"):
                self._runner_modules_seen.add(name)
                self._patcher.replace(module, "_cancel_all_tasks", self._wrap_cancel_all_tasks)

    def uninstall(self) -> None:
        """Undo every patch."""
        self._patcher.undo()

    def add_listener(self, listener: Any) -> None:
        """``listener`` may define loop_started(loop, thread), loop_stopped(loop, thread),
        tasks_cancelled(loop, pending_tasks)."""
        self._listeners.append(listener)

    def remove_listener(self, listener: Any) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    # -- queries -------------------------------------------------------------

    def running(self) -> list[tuple[asyncio.AbstractEventLoop, threading.Thread]]:
        with self._lock:
            return list(self._running.values())

    def mark(self) -> int:
        """A point in time, for ``created_since``; forgets loops that no longer exist."""
        with self._lock:
            for seq in [s for s, r in self._records.items() if r.loop_ref() is None]:
                del self._records[seq]
            return next(self._seq)

    def created_since(self, mark: int) -> list[LoopRecord]:
        with self._lock:
            return [r for seq, r in self._records.items() if seq > mark and r.loop_ref() is not None]

    def record_of(self, loop: Any) -> LoopRecord | None:
        return self._record_of.get(loop)

    def task_origin(self, task: Any) -> Location | None:
        """Where a task was created (the user's frame), if it was made through a loop we see."""
        return self._task_origins.get(task)

    # -- hooks -----------------------------------------------------------------

    def _record(self, loop: Any, frame: Any) -> LoopRecord:
        with self._lock:
            record = self._record_of.get(loop)
            if record is None:
                trace = self.user_code.trace(frame)
                record = LoopRecord(weakref.ref(loop), None, trace.stack if trace else [],
                                    trace.location if trace else None)
                self._records[next(self._seq)] = record
                self._record_of[loop] = record
            return record

    def _started(self, loop: Any) -> None:
        """``loop`` runs on this thread from now on (idempotent)."""
        thread = threading.current_thread()
        if len(self._runner_modules_seen) < len(_RUNNER_MODULES):
            self._patch_runners()  # a runner is starting this loop: its module is imported
        record = self._record(loop, sys._getframe(2))
        with self._lock:
            current = self._running.get(thread.ident)
            if current is not None and current[0] is loop:
                return
            record.thread = thread
            self._running[thread.ident] = (loop, thread)
        self._notify("loop_started", loop, thread)

    def _stopped(self, loop: Any = None) -> None:
        """The loop of this thread (if ``loop``: only that one) no longer runs."""
        ident = threading.get_ident()
        with self._lock:
            entry = self._running.get(ident)
            if entry is None or (loop is not None and entry[0] is not loop):
                return
            del self._running[ident]
        self._notify("loop_stopped", *entry)

    def _notify(self, event: str, *args: Any) -> None:
        for listener in list(self._listeners):
            method = getattr(listener, event, None)
            if method is None:
                continue
            try:
                method(*args)
            except Exception as exc:  # a detector's bug must never break the user's loop
                sys.stderr.write(f"loopsafe: {event} listener {listener!r} failed: {exc!r}\n")

    def _wrap_set_running_loop(self, original: Callable) -> Callable:
        @functools.wraps(original)
        def _set_running_loop(loop):
            original(loop)
            if loop is None:
                self._stopped()
            else:
                self._started(loop)
        return _set_running_loop

    def _wrap_runner_run(self, original: Callable) -> Callable:
        @functools.wraps(original)
        def run(runner, *args, **kwargs):
            loop = runner.get_loop()
            self._started(loop)
            try:
                return original(runner, *args, **kwargs)
            finally:
                self._stopped(loop)
        return run

    def _wrap_loop_init(self, original: Callable) -> Callable:
        @functools.wraps(original)
        def __init__(loop, *args, **kwargs):
            original(loop, *args, **kwargs)
            self._record(loop, sys._getframe(1))
        return __init__

    def _remember_origin(self, task: Any, frame: Any) -> None:
        try:
            if task in self._task_origins:
                return
            location = self.user_code.location(frame, depth=_TASK_ORIGIN_DEPTH)
            if location is not None:
                self._task_origins[task] = location
        except TypeError:
            pass  # a custom task factory returned something without weak references

    def _wrap_create_task(self, original: Callable) -> Callable:
        @functools.wraps(original)
        def create_task(loop, *args, **kwargs):
            task = original(loop, *args, **kwargs)
            self._remember_origin(task, sys._getframe(1))
            return task
        return create_task

    def _wrap_create_task_function(self, original: Callable) -> Callable:
        @functools.wraps(original)
        def create_task(*args, **kwargs):
            task = original(*args, **kwargs)
            self._remember_origin(task, sys._getframe(1))
            return task
        return create_task

    def _wrap_cancel_all_tasks(self, original: Callable) -> Callable:
        @functools.wraps(original)
        def _cancel_all_tasks(loop):
            pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
            if pending:
                self._notify("tasks_cancelled", loop, pending)
            return original(loop)
        return _cancel_all_tasks

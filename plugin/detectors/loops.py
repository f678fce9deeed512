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

uvloop's ``Loop`` is a Python class over its C base: its ``run_forever`` and
``create_task`` are hooked as soon as uvloop is imported (``refresh``), so its
loops are seen in any thread, and its tasks say where they were made, whatever
the import order.

Creation is recorded from ``BaseEventLoop.__init__`` (loops that never run are
the typical leak); other implementations are recorded when they first run.

Which test work belongs to: ``owner`` is the running test while one runs (the
detector sets it). A task is owned by the test during which it was handed over --
the coroutine given to ``run_coroutine_threadsafe``, the one a thread started by
the test gives ``asyncio.run`` -- or else created, so that a stall in it, on
whatever loop and whenever it begins, is charged to that test.

Where a timer callback was scheduled (``call_later``/``call_at``) is recorded
only for the callbacks that run no user code of their own -- a blocking API or a
C function handed to the loop as is, ``loop.call_later(0.01, time.sleep, 1)`` --
since a stall inside them has no user frame to be located at. ``call_soon`` is
left alone: it schedules every task step, and even a type check there costs
several percent on an await-heavy loop.
Pending tasks are reported to listeners just before ``asyncio.Runner`` (used by
``asyncio.run``, pytest-asyncio and anyio) cancels them, so a leak detector can
name them while they still exist.
"""

from __future__ import annotations

import asyncio
import asyncio.events
import asyncio.runners
import functools
import inspect
import itertools
import sys
import threading
import weakref
from dataclasses import dataclass, field
from functools import partial
from types import BuiltinFunctionType, FrameType, FunctionType, ModuleType
from typing import Any, Callable

from loopsafe.plugin.detectors.frames import Attribution, UserCode
from loopsafe.plugin.detectors.patching import Patcher
from loopsafe.plugin.events import Location


# How far above create_task the user's frame may be (TaskGroup, anyio's task group
# and similar helpers sit in between). A bounded walk keeps task creation cheap:
# the framework's own tasks, with no user frame at all, would walk the whole stack.
_TASK_ORIGIN_DEPTH = 12
_RUN_HANDLE = asyncio.events.Handle._run.__code__  # the frame that runs a loop callback
# Callbacks that may run no user code of their own; the futures' callbacks that make
# up nearly every timer are none of these, and cost one type check.
_PLAIN_CALLABLES = frozenset({FunctionType, BuiltinFunctionType, partial})
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
        self._callback_origins: weakref.WeakKeyDictionary[Any, Attribution] = \
            weakref.WeakKeyDictionary()
        self._listeners: list[Any] = []
        self._patcher = Patcher()
        self._uvloop: Any = None  # the uvloop module once its Loop is hooked
        self.owner: str | None = None  # the running test (see the module's docstring)
        self._owners: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()
        self._loop_threads: weakref.WeakSet[threading.Thread] = weakref.WeakSet()  # ran a loop
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
        self._patcher.replace(asyncio.BaseEventLoop, "call_at", self._wrap_call_at)
        for module in (asyncio, asyncio.tasks):
            self._patcher.replace(module, "run_coroutine_threadsafe", self._wrap_hand_over)
        self._patcher.replace(threading.Thread, "start", self._wrap_thread_start)
        self._runner_modules_seen.clear()
        self._patch_runners()
        self.refresh()

    def refresh(self) -> None:
        """Hook uvloop's ``Loop`` once uvloop has been imported (nothing is imported here)."""
        uvloop = sys.modules.get("uvloop")
        if uvloop is None or uvloop is self._uvloop or not isinstance(getattr(uvloop, "Loop", None), type):
            return
        self._uvloop = uvloop
        self._patcher.replace(uvloop.Loop, "run_forever", self._wrap_run_forever)
        self._patcher.replace(uvloop.Loop, "create_task", self._wrap_create_task)

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
        self._uvloop = None

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

    def owner_of(self, task: Any) -> str | None:
        """The test a task belongs to (see the module's docstring), if any."""
        try:
            return self._owners.get(task) if task is not None else None
        except TypeError:
            return None

    def pending_of(self, owner: str) -> tuple[list[Any], list[threading.Thread]]:
        """What ``owner`` handed to loops and has not run yet: its tasks still pending on
        loops that run and its coroutines not started yet; and its threads that are alive
        but have not run a loop yet (they may be about to)."""
        work, threads = [], []
        for obj, whose in list(self._owners.items()):
            if whose != owner:
                continue
            if isinstance(obj, threading.Thread):
                if obj.is_alive() and obj not in self._loop_threads:
                    threads.append(obj)
            elif isinstance(obj, asyncio.Future):
                if not obj.done() and obj.get_loop().is_running():
                    work.append(obj)
            elif inspect.iscoroutine(obj) and inspect.getcoroutinestate(obj) == inspect.CORO_CREATED:
                work.append(obj)
        return work, threads

    def callback_origin(self, frame: FrameType | None) -> Attribution | None:
        """Where the loop callback running at ``frame`` was scheduled, for a callback that
        runs no user code of its own (see the module's docstring)."""
        while frame is not None:
            if frame.f_code is _RUN_HANDLE:
                handle = frame.f_locals.get("self")
                return self._callback_origins.get(handle) if handle is not None else None
            frame = frame.f_back
        return None

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
            self._loop_threads.add(thread)
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

    def _own(self, obj: Any, owner: str | None) -> None:
        if owner is not None:
            try:
                self._owners[obj] = owner
            except TypeError:
                pass  # no weak references (a custom task factory's object)

    def _wrap_hand_over(self, original: Callable) -> Callable:
        @functools.wraps(original)
        def run_coroutine_threadsafe(coro, loop):
            self._own(coro, self.owner)
            return original(coro, loop)
        return run_coroutine_threadsafe

    def _wrap_thread_start(self, original: Callable) -> Callable:
        @functools.wraps(original)
        def start(thread, *args, **kwargs):
            if self.owner is not None and self._started_by_user(sys._getframe(1)):
                self._own(thread, self.owner)  # a pool's worker is the pool's, not a test's
            return original(thread, *args, **kwargs)
        return start

    def _started_by_user(self, frame: Any) -> bool:
        """The caller of ``Thread.start`` is the user's code (past loopsafe's own wrappers)."""
        while frame is not None and frame.f_globals.get("__name__", "").startswith("loopsafe."):
            frame = frame.f_back
        return frame is not None and self.user_code.is_user(frame)

    def _run_seen(self, loop: Any, run: Callable, *args: Any, **kwargs: Any) -> Any:
        """``run(*args, **kwargs)``, with ``loop`` known to run on this thread meanwhile."""
        self._started(loop)
        try:
            return run(*args, **kwargs)
        finally:
            self._stopped(loop)

    def _wrap_runner_run(self, original: Callable) -> Callable:
        @functools.wraps(original)
        def run(runner, *args, **kwargs):
            if args:  # the main coroutine of a thread started by a test is that test's
                self._own(args[0], self._owners.get(threading.current_thread()))
            return self._run_seen(runner.get_loop(), original, runner, *args, **kwargs)
        return run

    def _wrap_run_forever(self, original: Callable) -> Callable:
        """For loops whose ``run_forever`` bypasses the funnel (uvloop imported first)."""
        @functools.wraps(original)
        def run_forever(loop, *args, **kwargs):
            return self._run_seen(loop, original, loop, *args, **kwargs)
        return run_forever

    def _remember_callback(self, handle: Any, callback: Any, frame: Any) -> None:
        if type(callback) is partial:
            callback = callback.func
        kind = type(callback)
        if kind is FunctionType:
            opaque = hasattr(callback, "__loopsafe_blocking__")  # an intercepted blocking API
        else:  # a C function of a module (hashlib.pbkdf2_hmac), not a bound C method
            opaque = kind is BuiltinFunctionType and type(callback.__self__) is ModuleType
        if not opaque:
            return
        trace = self.user_code.trace(frame)
        if trace is not None:
            self._callback_origins[handle] = trace

    def _wrap_call_at(self, original: Callable) -> Callable:
        @functools.wraps(original)
        def call_at(loop, when, callback, *args, context=None):
            handle = original(loop, when, callback, *args, context=context)
            if type(callback) in _PLAIN_CALLABLES:
                self._remember_callback(handle, callback, sys._getframe(1))
            return handle
        return call_at

    def _wrap_loop_init(self, original: Callable) -> Callable:
        @functools.wraps(original)
        def __init__(loop, *args, **kwargs):
            original(loop, *args, **kwargs)
            self._record(loop, sys._getframe(1))
        return __init__

    def _remember_origin(self, task: Any, frame: Any) -> None:
        if self.owner is not None or self._owners:
            try:
                self._own(task, self._owners.get(task.get_coro()) or self.owner)
            except TypeError:
                pass  # a coroutine-like object without weak references
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

"""Leaks: what a test leaves behind once its teardown is over.

After each test this finds tasks still pending on its loops, threads it started
that still run, child processes still alive and loops it created but never
closed, and names where each was created (the user's frame).

Pending tasks are the subtle part: ``asyncio.run``, ``asyncio.Runner``,
pytest-asyncio and anyio all cancel the tasks left at the end of a loop without
a word, so by the time the test is over they are gone. The loop registry tells
this detector just before that cancellation (``tasks_cancelled``), while the
tasks still say where they were created and where they wait.

Resources made by a fixture wider than the test (a session-scoped server
thread, pytest-asyncio's session loop) belong to that scope, not to the test
that happened to set it up first: ``wider_scope`` keeps them out.
"""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import multiprocessing.process
import subprocess
import sys
import threading
import time
import weakref
from concurrent.futures import thread as futures_thread
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from ..events import Event, Location
from ..sink import EventSink
from .frames import UserCode
from .loops import LoopRegistry
from .patching import Patcher
from .trio_tasks import TrioTaskLeaks

GRACE = 0.5  # seconds, shared by all threads/processes of one test: they may be just finishing
_OWN_THREAD_PREFIX = "loopsafe"  # the plugin's own threads (watchdogs) are never the test's


def task_event(task: asyncio.Task, why: str, origin: Location | None,
               user_code: UserCode) -> Event | None:
    """A leaked-task event: the task, where it was created and where (in the user's code) it
    waits; None when the task is neither made by nor running the user's code (a framework's
    own task, like anyio's test runner)."""
    coro = task.get_coro()
    frame = getattr(coro, "cr_frame", None)
    if origin is None and (frame is None or not user_code.is_user(frame)):
        return None
    name = _coroutine_name(task)
    created = f"; created at {origin}" if origin else ""
    stack = [f"{user_code.relpath(waiting.f_code.co_filename)}:{waiting.f_lineno} "
             f"{waiting.f_code.co_name}" for waiting in task.get_stack() if user_code.is_user(waiting)]
    return Event("leaked-task", f"task {task.get_name()} ({name}) {why}{created}",
                 location=origin or user_code.location(frame), stack=stack)


def _coroutine_name(task: asyncio.Task) -> str:
    coro = task.get_coro()
    return getattr(coro, "__qualname__", None) or repr(coro)


def task_events(tasks: list[asyncio.Task], why: str, origin: Callable[[asyncio.Task], Location | None],
                user_code: UserCode) -> list[Event]:
    events = (task_event(task, why, origin(task), user_code) for task in tasks)
    return [event for event in events if event is not None]


def _thread_owner(thread: threading.Thread) -> str:
    target = getattr(thread, "_target", None)
    return getattr(target, "__module__", None) or type(thread).__module__


class _Snapshot:
    """What exists at one moment: threads, child processes, tracked Popen objects, tasks
    pending on the loops of wider-scoped fixtures."""

    def __init__(self, detector: "LeakDetector") -> None:
        self.threads = set(threading.enumerate())
        self.children = set(multiprocessing.active_children())
        self.popens = set(detector.popens)
        self.shared_tasks = detector.shared_tasks()
        self.loop_mark = detector.registry.mark()


class LeakDetector:
    """Per test: ``begin`` before setup, ``end`` after teardown records the leaks in ``sink``.

    ``install`` hooks thread, process and ``subprocess.Popen`` start-up to learn
    where each was started; ``uninstall`` undoes it.
    """

    def __init__(self, registry: LoopRegistry, sink: EventSink) -> None:
        self.registry = registry
        self.user_code = registry.user_code
        self.sink = sink
        self.origins: weakref.WeakKeyDictionary[Any, Location] = weakref.WeakKeyDictionary()
        self.popens: weakref.WeakSet[subprocess.Popen] = weakref.WeakSet()
        self._ignored: weakref.WeakSet[Any] = weakref.WeakSet()  # threads, processes, loops
        # the loops of fixtures wider than a test: each test's tasks on them are its own
        self._shared_loops: weakref.WeakSet[Any] = weakref.WeakSet()
        self._patcher = Patcher()
        self._before: _Snapshot | None = None
        self._tasks_seen: set[tuple] = set()  # the running test's task leaks (see _tasks_ended)

    # -- lifecycle -------------------------------------------------------------

    def install(self) -> None:
        if self._patcher:
            return
        self._patcher.replace(threading.Thread, "start", self._remember_start)
        self._patcher.replace(multiprocessing.process.BaseProcess, "start", self._remember_start)
        self._patcher.replace(subprocess.Popen, "__init__", self._remember_popen)
        self._patcher.replace(asyncio.BaseEventLoop, "close", self._check_close)
        self.registry.add_listener(self)

    def uninstall(self) -> None:
        self._patcher.undo()
        self.registry.remove_listener(self)

    def _remember_start(self, original: Callable) -> Callable:
        @functools.wraps(original)
        def start(obj, *args, **kwargs):
            if self._before is not None:
                self._remember_origin(obj, sys._getframe(1))
            return original(obj, *args, **kwargs)
        return start

    def _remember_popen(self, original: Callable) -> Callable:
        @functools.wraps(original)
        def __init__(popen, *args, **kwargs):
            original(popen, *args, **kwargs)
            if self._before is not None:
                self._remember_origin(popen, sys._getframe(1))
                self.popens.add(popen)
        return __init__

    def _check_close(self, original: Callable) -> Callable:
        """``loop.close()`` drops the tasks still pending without cancelling them (they die
        with "Task was destroyed but it is pending"): name them while they exist."""
        @functools.wraps(original)
        def close(loop):
            if self._before is not None and not loop.is_running() and not loop.is_closed():
                self._tasks_ended(loop, [t for t in asyncio.all_tasks(loop) if not t.done()],
                                  "was still pending when its loop was closed (it never finished)")
            return original(loop)
        return close

    def _remember_origin(self, obj: Any, frame: Any) -> None:
        location = self.user_code.started_by(frame)
        if location is not None:
            self.origins[obj] = location

    # -- the registry's listener ---------------------------------------------

    def tasks_cancelled(self, loop: asyncio.AbstractEventLoop, pending: list[asyncio.Task]) -> None:
        self._tasks_ended(loop, pending, "was still pending when its loop ended (cancelled by "
                                         "the runner)")

    def _tasks_ended(self, loop: asyncio.AbstractEventLoop, pending: list[asyncio.Task],
                     why: str) -> None:
        """Report the tasks a loop drops, once per test for the same coroutine left at the
        same place: a test that runs its loop many times (the schedule explorer, one loop
        per example) leaks the same task each time, and that is one leak."""
        if self._before is None:
            return  # between tests: a session-scoped loop closing at the end
        if loop in self._shared_loops:  # a loop shared with other tests: only this test's tasks
            pending = [task for task in pending
                       if task not in self._before.shared_tasks and task not in self._ignored]
        elif loop in self._ignored:
            return  # a fixture has reported this loop in its own words
        for task in pending:
            event = task_event(task, why, self.registry.task_origin(task), self.user_code)
            if event is None:
                continue
            key = (_coroutine_name(task), why, event.location, tuple(event.stack))
            if key not in self._tasks_seen:
                self._tasks_seen.add(key)
                self.sink.record(event)

    def _record(self, events: list[Event]) -> None:
        for event in events:
            self.sink.record(event)

    def trio_instrument(self) -> TrioTaskLeaks:
        """An instrument for one trio run (``TrioRuns.instruments``): the tasks it leaves in
        nurseries the user's code does not own."""
        return TrioTaskLeaks(self.user_code, self._record_in_test)

    def _record_in_test(self, event: Event) -> None:
        if self._before is not None:  # not between tests (a session-wide run winding down)
            self.sink.record(event)

    # -- per test ---------------------------------------------------------------

    @contextmanager
    def wider_scope(self) -> Iterator[None]:
        """Whatever is created inside belongs to a fixture wider than one test."""
        before = _Snapshot(self)
        try:
            yield
        finally:
            after = _Snapshot(self)
            self._ignored.update((after.threads - before.threads) | (after.children - before.children)
                                 | (after.popens - before.popens))
            loops = [r.loop_ref() for r in self.registry.created_since(before.loop_mark)]
            self._shared_loops.update(loop for loop in loops if loop is not None)
            self.accounted_for(*loops)
            self.accounted_for(*(self.shared_tasks() - before.shared_tasks))

    def shared_tasks(self) -> set[asyncio.Task]:
        """Tasks pending on the loops that outlive a test (pytest-asyncio's session loop)."""
        loops = [loop for loop in list(self._shared_loops) if not loop.is_closed()]
        return {task for loop in loops for task in asyncio.all_tasks(loop)}

    def accounted_for(self, *objs: Any) -> None:
        """Threads, processes or loops that are not leaks of the test (a wider fixture's),
        or whose leak a fixture has already reported in its own words."""
        self._ignored.update(obj for obj in objs if obj is not None)

    def begin(self) -> None:
        self._before = _Snapshot(self)
        self._tasks_seen.clear()

    def end(self) -> None:
        """Record the test's leaks; a leaked child process is terminated once reported."""
        before, self._before = self._before, None
        if before is None:
            return
        deadline = time.monotonic() + GRACE
        self._record(self._threads(before, deadline))
        self._record(self._processes(before, deadline))
        self._record(self._loops(before))
        self._record(task_events(self._new(self.shared_tasks(), before.shared_tasks),
                                 "is still pending after the test, on a loop shared with other "
                                 "tests", self.registry.task_origin, self.user_code))

    def _new(self, items: set, before: set) -> list:
        return [item for item in items - before if item not in self._ignored]

    def _users(self, items: set, before: set) -> list:
        """The new ``items`` that the user's code started. What a library starts for itself
        with no user frame on the stack (trio's thread cache, a pool refilling itself) is
        not the user's to fix, as with every loopsafe event."""
        return [item for item in self._new(items, before) if item in self.origins]

    def _threads(self, before: _Snapshot, deadline: float) -> list[Event]:
        events = []
        for thread in self._users(set(threading.enumerate()), before.threads):
            if thread.name.startswith(_OWN_THREAD_PREFIX) or _thread_owner(thread).startswith("loopsafe.") \
                    or _idle_pool_worker(thread):
                continue
            thread.join(max(0.0, deadline - time.monotonic()))
            if thread.is_alive():
                origin = self.origins.get(thread)
                kind = "daemon thread" if thread.daemon else "thread"
                events.append(Event("leaked-thread", f"{kind} {thread.name!r} still runs after the "
                                    f"test; started at {origin}", location=origin))
        return events

    def _processes(self, before: _Snapshot, deadline: float) -> list[Event]:
        events = []
        for process in self._users(set(multiprocessing.active_children()), before.children):
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                events.append(self._process_event(process, process.pid, process.name))
                stop_process(process.terminate, process.kill, process.join)
        for popen in self._users(set(self.popens), before.popens):
            try:
                popen.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                args = popen.args if isinstance(popen.args, str) else " ".join(map(str, popen.args))
                events.append(self._process_event(popen, popen.pid, args))
                stop_process(popen.terminate, popen.kill, lambda t: _wait_quietly(popen, t))
        return events

    def _process_event(self, obj: Any, pid: int, name: str) -> Event:
        origin = self.origins.get(obj)
        return Event("leaked-process", f"child process {pid} ({name}) still alive after the test; "
                     f"started at {origin}; terminated", location=origin)

    def _loops(self, before: _Snapshot) -> list[Event]:
        events = []
        for record in self.registry.created_since(before.loop_mark):
            loop = record.loop_ref()
            if loop is None or loop.is_closed() or loop in self._ignored or \
                    record.created_location is None:
                continue
            state = "running" if loop.is_running() else "not running"
            events.append(Event("leaked-loop", f"event loop {type(loop).__name__} ({state}) was "
                                f"never closed; created at {record.created_location}",
                                location=record.created_location, stack=list(record.created_stack)))
            events += task_events(list(asyncio.all_tasks(loop)),
                                  "is still pending on a loop that was never closed",
                                  self.registry.task_origin, self.user_code)
        return events


def _idle_pool_worker(thread: threading.Thread) -> bool:
    """A ``ThreadPoolExecutor``'s worker waiting for work, its executor alive and open: the
    pool is kept for later (a library's process-wide executor, started lazily by the first
    test that used it), not left behind. A worker still running work is a leak; the workers
    of an executor nobody holds any more exit by themselves."""
    if getattr(thread, "_target", None) is not futures_thread._worker:
        return False
    executor = thread._args[0]()  # a weak reference to its executor
    if executor is None or executor._shutdown:
        return False
    frame = sys._current_frames().get(thread.ident)
    while frame is not None and frame.f_code is not futures_thread._worker.__code__:
        if frame.f_globals.get("__name__") not in ("queue", "threading"):
            return False  # running the work, not waiting for it
        frame = frame.f_back
    return frame is not None


def _wait_quietly(popen: subprocess.Popen, timeout: float) -> None:
    try:
        popen.wait(timeout)
    except subprocess.TimeoutExpired:
        pass


def stop_process(terminate: Callable[[], None], kill: Callable[[], None],
                 join: Callable[[float], None], timeout: float = 1.0) -> None:
    """Terminate, then kill if it does not go: a leaked child must not outlive the session.
    (``kill`` on a child already reaped does nothing, for both kinds of child.)"""
    terminate()
    join(timeout)
    kill()
    join(timeout)

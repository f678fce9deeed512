"""The exploring event loop: asyncio's own selector loop with its ready queue and its
clock under the scheduler's control.

``_run_once`` keeps asyncio's rules: callbacks run in the order they were scheduled
(a batch is what was ready when the iteration began, as in asyncio), and timers join
the ready queue once the clock reaches them. What it adds are the legal choices
between them: before each callback some workers may run first, and when nothing is
ready the scheduler picks a worker or jumps the virtual clock to the next timer (or a
worker's wake-up), so ``await asyncio.sleep(5)`` costs nothing.

loopsafe's own detectors are not part of the program: their callbacks run without a
decision, and their timers are refused (the lag heartbeat then leaves the loop alone:
under virtual time, with one thread running at a time, lag means nothing).
"""

from __future__ import annotations

import asyncio
import functools
import heapq
import itertools
from typing import Any

from .scheduler import Scheduler

_INSTRUMENTATION = "loopsafe.plugin.detectors"


def is_instrumentation(callback: Any) -> bool:
    return str(getattr(callback, "__module__", None) or "").startswith(_INSTRUMENTATION)


def describe_callback(handle: Any, locate: Any) -> str:
    """``Task-2 resumes at test_app.py:14`` or the callback's name."""
    callback = handle._callback
    task = getattr(callback, "__self__", None)
    if isinstance(task, asyncio.Task):
        where = task_location(task, locate)
        return f"{task.get_name()} " + (f"resumes at {where}" if where else "starts")
    name = getattr(callback, "__qualname__", None) or repr(callback)
    return f"the loop runs {name}()"


def describe_timer(handle: Any, locate: Any) -> str:
    """The task a timer wakes (``asyncio.sleep``, a timeout), else its callback."""
    targets = [getattr(handle._callback, "__self__", None), *handle._args]
    targets += [getattr(t, "_task", None) for t in targets]  # asyncio.Timeout (3.11+)
    loop = handle._loop
    for task in asyncio.all_tasks(loop):
        if task in targets or task._fut_waiter is not None and task._fut_waiter in targets:
            where = task_location(task, locate)
            return f"{task.get_name()}'s timer at {where}" if where else f"{task.get_name()}'s timer"
    return describe_callback(handle, locate).replace("the loop runs", "timer")


def task_location(task: asyncio.Task, locate: Any) -> str:
    """Where a suspended task waits: its deepest coroutine frame in the user's code (a
    suspended coroutine's frame has no caller, so the await chain is walked instead)."""
    frames = []
    coro = task.get_coro()
    while coro is not None:
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
        if frame is not None:
            frames.append(frame)
        coro = getattr(coro, "cr_await", None) or getattr(coro, "gi_yieldfrom", None)
    for frame in reversed(frames):
        where = locate(frame)
        if where:
            return where
    return ""


class ExploringLoop(asyncio.SelectorEventLoop):
    def __init__(self, scheduler: Scheduler) -> None:
        self._explorer = scheduler
        self._task_numbers = itertools.count(1)
        super().__init__()
        scheduler.loop = self

    def time(self) -> float:
        return self._explorer.now

    def create_task(self, coro: Any, **kwargs: Any) -> asyncio.Task:
        """Tasks are numbered per example, so a report says Task-2 whichever example it is."""
        if kwargs.get("name") is None:
            kwargs["name"] = f"Task-{next(self._task_numbers)}"
        return super().create_task(coro, **kwargs)

    def call_at(self, when: float, callback: Any, *args: Any, context: Any = None) -> Any:
        if is_instrumentation(callback):
            raise RuntimeError("the exploring loop runs on virtual time: no real-time timers")
        return super().call_at(when, callback, *args, context=context)

    def call_soon_threadsafe(self, callback: Any, *args: Any, context: Any = None) -> Any:
        scheduler = self._explorer
        who = scheduler.participant()
        if who is not None and who is not scheduler.loop_side:
            scheduler.pause(who)  # when a thread's callback lands is a decision
        return super().call_soon_threadsafe(callback, *args, context=context)

    # -- the iteration --------------------------------------------------------------------

    def _run_once(self) -> None:
        scheduler = self._explorer
        scheduler.raise_failure()
        self._poll(0)
        while not self._ready and not self._stopping:
            self._idle_step()
            self._poll(0)
        for _ in range(len(self._ready)):
            handle = self._ready[0]
            if not handle._cancelled and not is_instrumentation(handle._callback):
                scheduler.interleave(functools.partial(describe_callback, handle, scheduler.locate))
            handle = self._ready.popleft()
            if not handle._cancelled:
                handle._run()
        handle = None  # no reference cycle through an exception

    def _poll(self, timeout: float) -> bool:
        """Real I/O events and due timers into the ready queue; True if any came."""
        before = len(self._ready)
        self._process_events(self._selector.select(timeout))
        self._drop_cancelled_timers()
        end = self.time() + self._clock_resolution
        while self._scheduled and self._scheduled[0]._when < end:
            handle = heapq.heappop(self._scheduled)
            handle._scheduled = False
            self._ready.append(handle)
        return len(self._ready) > before

    def _drop_cancelled_timers(self) -> None:
        while self._scheduled and self._scheduled[0]._cancelled:
            self._timer_cancelled_count -= 1
            heapq.heappop(self._scheduled)._scheduled = False

    def _idle_step(self) -> None:
        timer = self._scheduled[0] if self._scheduled else None
        label = f"{describe_timer(timer, self._explorer.locate)} fires" if timer else ""
        # the self-pipe is always registered; anything more is a real socket or pipe
        io_pending = len(self._selector.get_map()) > 1
        self._explorer.idle(timer._when if timer else None, label, self._poll, io_pending)

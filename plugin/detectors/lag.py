"""By-lag detection: every loop's busy stretches measured, one sampling thread to say where.

How long a loop is held is measured on the loop itself. asyncio's selector loops
are timed exactly, iteration by iteration, at their selector (``iterations``).
Other loops (uvloop) run a heartbeat: a timer (``call_later``) a quarter of the
threshold ahead, which records that the loop was alive and schedules the next
one; a heartbeat that runs late was held up by one loop iteration that lasted at
least that long (it under-reads by up to a tick). Either way a watch's ``since``
is when the loop's current busy stretch began (the iteration's start, or the
heartbeat's due time), None while it is idle.

Where the loop was held is found by one daemon thread that serves every loop,
started the first time a loop runs while detection is on. Each tick it looks at
each loop's ``since``; when one is a tick old, the loop is busy right now, so it
samples the loop thread's stack (``sys._current_frames``) and locates the stall in
the user's code, even in C code or a CPU loop no patch could catch. A C call that
keeps the GIL starves this thread too; it then wakes right after the call
returns, when the loop's thread still stands on the call's line. A stall whose
samples show only tooling or an import at work is not the user's and is dropped.

A C call that keeps the GIL lets the sampling thread take its stack only once
it returns; the loop's thread may then take the GIL back before that sample is
recorded and end the iteration. A stall ending meanwhile waits for the sample
(``_sampling``), so the one sample there is counts.

A stall with no sample that shows the user's code -- none at all, or only
samples of the loop's own machinery (a task's coroutine returned before the
sample: C code held the GIL to its very end) -- is reported when the loop's
thread was on the CPU through half a threshold of it or more, at the best
location left: the task the loop was stepping (its coroutine's definition),
else the test's. The evidence is the thread's CPU clock, marked by the sampling
thread each tick while the loop is not held and when the loop starts: the CPU
used since the mark, less the wall time between the mark and the stall's start,
is what the stall used at least. An unsampled stretch the thread spent off the
CPU is the whole process starved by the machine's load (the sampling thread,
which would otherwise have sampled it, did not run either): reporting it would
fail an innocent test on a busy CI machine. Samples that show tooling or an
import at work are evidence too: that stall is dropped.

The thread is stopped before every ``fork()`` (``os.register_at_fork``): a child
forked while it runs would inherit a lock it may hold, and Python 3.12+ warns
about forking a process with threads. It is not restarted right after the fork
(Python counts the threads after the parent's fork hooks have run) but by the
next loop that starts, or the next test.
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
import time
import weakref
from collections import Counter
from dataclasses import dataclass, field
from time import perf_counter
from types import FrameType
from typing import Any, Callable

from loopsafe.plugin.detectors import iterations
from loopsafe.plugin.detectors.frames import Attribution, UserCode

_MAX_SAMPLES = 50
_MIN_TICK = 0.005
_MAX_TICK = 0.05


@dataclass
class Stall:
    """A loop held longer than its threshold."""

    loop: Any
    thread_ident: int | None
    started: float  # perf_counter() when the busy stretch began
    duration: float
    threshold: float
    # Where the user's code was while the loop was held (see _most_frequent).
    attribution: Attribution | None
    ongoing: bool = False  # still held when the test ended
    sampled: bool = True  # False: no sample showed where (held too tightly to sample)
    task: Any = None  # the task that was running, as the samples (or trio's steps) saw it


@dataclass
class _Sample:
    since: float  # the busy stretch it belongs to
    in_call: bool  # inside an intercepted blocking call
    attribution: Attribution | None  # None: tooling or an import held the loop, not the user
    task: Any = None  # the task the loop was running
    # No attribution, and the stack shows only the loop's own machinery: a sample taken
    # too late (the task's step over), which says nothing about who held the loop.
    blind: bool = False


@dataclass(eq=False)
class _Watch:
    loop: Any
    threshold: float | None  # None: the detector's current threshold
    limit: float  # the threshold in effect (read on every timed iteration)
    thread_ident: int | None = None
    explicit: bool = False  # watched through BlockingDetector.watch
    seen_running: bool = False  # the registry saw it start and not yet stop
    # When the loop's current busy stretch began; None while idle (or unknown).
    since: float | None = None
    timed: iterations.TimedSelector | None = None  # exact timing, or else a heartbeat:
    handle: Any = None  # the next heartbeat's timer
    samples: list[_Sample] = field(default_factory=list)
    # (perf_counter(), then the loop thread's CPU clock): the latest taken while the loop
    # was not held (see _cpu_during)
    cpu_mark: tuple[float, float] | None = None
    stepping: Any = None  # the task a run that times its own steps (trio) steps now
    # The ``since`` of a stall already reported while it went on (flush): its end
    # must not report it again, to the next test.
    reported: float | None = None
    # Seen stopped by the watchdog (a loop only watched explicitly): the next
    # heartbeat measures the pause, not a stall.
    paused: bool = False


class LagWatchdog:
    """Measures every running loop's busy stretches and reports stalls to ``on_stall``.

    ``current_call(ident)`` tells which intercepted blocking call a thread is in:
    samples taken inside one count only when nothing else explains the stall
    (many short sleeps that each stay under the threshold). ``callback_origin(frame)``
    says where the callback running at ``frame`` was scheduled, for a stall with
    no user frame on the stack (``loop.call_later(0.01, time.sleep, 1)``).
    """

    def __init__(self, user_code: UserCode, on_stall: Callable[[Stall], None],
                 current_call: Callable[[int], str | None], threshold: float,
                 callback_origin: Callable[[FrameType], Attribution | None] | None = None):
        self._user_code = user_code
        self._on_stall = on_stall
        self._current_call = current_call
        self._callback_origin = callback_origin
        self._threshold = threshold
        self._watches: dict[int, _Watch] = {}  # id(loop) -> watch
        self._lock = threading.Lock()
        # Held by the sampling thread from taking the stacks to recording the samples
        # (see the module's docstring).
        self._sampling = threading.Lock()
        self._wakeup = threading.Event()
        self._tick = _tick_for(threshold)
        self._stopping = False
        self._thread: threading.Thread | None = None
        # Detection is on: the sampling thread starts with the first running loop.
        self.active = False
        self._closed = False  # stopped for good (session end, or a forked child)
        ref = weakref.ref(self)
        os.register_at_fork(before=lambda: _call(ref, "_stop_thread"),
                            after_in_child=lambda: _call(ref, "_after_fork_in_child"))

    # -- lifecycle -----------------------------------------------------------

    def start(self) -> None:
        """Begin sampling, now, if a watched loop needs it (later ones start it themselves)."""
        self.active = True
        with self._lock:
            needed = any(w.since is not None or w.handle is not None for w in self._watches.values())
        if needed:
            self._ensure_thread()

    def _ensure_thread(self) -> None:
        with self._lock:
            if self._thread is not None or self._closed or not self.active:
                return
            self._stopping = False
            self._thread = threading.Thread(target=self._run, name="loopsafe-lag-watchdog",
                                            daemon=True)
            self._thread.start()

    def _stop_thread(self) -> None:
        with self._lock:
            thread, self._thread = self._thread, None
            self._stopping = True
        self._wakeup.set()
        if thread is not None:
            thread.join(timeout=5)

    def stop(self) -> None:
        self._closed, self.active = True, False
        self._stop_thread()
        with self._lock:
            watches = list(self._watches.values())
            self._watches.clear()
        for watch in watches:
            self._disarm(watch)

    def _after_fork_in_child(self) -> None:
        """The child has no sampling thread and no sink worth reporting to."""
        self._closed, self.active, self._thread = True, False, None
        self._lock, self._sampling = threading.Lock(), threading.Lock()

    def set_threshold(self, threshold: float) -> None:
        self._threshold = threshold
        with self._lock:
            for watch in self._watches.values():
                watch.limit = threshold if watch.threshold is None else watch.threshold
        self._shorten_tick(threshold)

    def _shorten_tick(self, threshold: float) -> None:
        """Wake the watchdog only if it sleeps too long for this threshold: waking a
        thread costs the loop thread a GIL hand-over, so it must stay rare."""
        if _tick_for(threshold) < self._tick:
            self._wakeup.set()

    def threshold_of(self, loop: Any) -> float:
        watch = self._watches.get(id(loop))
        if watch is not None and watch.threshold is not None:
            return watch.threshold
        return self._threshold

    def shortest_threshold(self) -> float:
        with self._lock:
            overrides = [w.threshold for w in self._watches.values() if w.threshold is not None]
        return min([self._threshold, *overrides])

    # -- which loops -----------------------------------------------------------

    def watch(self, loop: Any, threshold: float | None = None, explicit: bool = False) -> _Watch:
        with self._lock:
            watch = self._watches.get(id(loop))
            if watch is None or watch.loop is not loop:
                watch = self._watches[id(loop)] = _Watch(loop, threshold, self._threshold,
                                                         explicit=explicit)
            else:
                watch.threshold = threshold if threshold is not None else watch.threshold
                watch.explicit = watch.explicit or explicit
            watch.limit = self._threshold if watch.threshold is None else watch.threshold
        if threshold is not None:
            self._shorten_tick(threshold)
        if explicit and watch.timed is None and watch.handle is None:
            self._arm_later(watch)
        return watch

    def adopt(self, loop: Any) -> None:
        """Watch a loop that was already running in some thread before the registry was."""
        watch = self.watch(loop)
        watch.seen_running = True
        self._arm_later(watch)

    def external(self, loop: Any, thread_ident: int) -> _Watch:
        """Watch a loop-like run that times its own busy stretches (a trio run): it sets
        the watch's ``since`` and calls ``stall_ended``; this samples and reports. It
        ends with ``loop_stopped``."""
        watch = self.watch(loop)
        watch.seen_running, watch.thread_ident = True, thread_ident
        watch.samples, watch.reported, watch.paused, watch.since = [], None, False, None
        _mark_cpu(watch, perf_counter())
        if self.active:
            self._ensure_thread()
        return watch

    def stall_ended(self, watch: _Watch, now: float) -> None:
        """A busy stretch of an ``external`` watch ended at ``now``, past its threshold."""
        self._settle(watch, now)

    def _arm_later(self, watch: _Watch) -> None:
        try:  # its timing starts from its own thread, whenever it runs
            watch.loop.call_soon_threadsafe(self._arm, watch)
        except RuntimeError:
            pass  # closed: nothing to watch

    def release(self, loop: Any) -> None:
        """End an explicit watch: a loop the registry saw start stays watched, with the
        common threshold, until it stops."""
        watch = self._watches.get(id(loop))
        if watch is None or watch.loop is not loop:
            return
        watch.explicit, watch.threshold, watch.limit = False, None, self._threshold
        if not watch.seen_running:
            self._unwatch(watch)

    def _unwatch(self, watch: _Watch) -> None:
        with self._lock:
            if self._watches.get(id(watch.loop)) is watch:
                del self._watches[id(watch.loop)]
        self._disarm(watch)

    # Registry listener, called on the loop's own thread as run_forever starts and ends.

    def loop_started(self, loop: Any, thread: threading.Thread) -> None:
        watch = self.watch(loop)
        watch.seen_running = True
        self._arm(watch)

    def loop_stopped(self, loop: Any, thread: threading.Thread) -> None:
        """The loop's last stall may have ended it before its next iteration or heartbeat."""
        watch = self._watches.get(id(loop))
        if watch is None or watch.loop is not loop:
            return
        now = perf_counter()
        if watch.since is not None and now - watch.since >= watch.limit:
            self._settle(watch, now)
        watch.seen_running = False
        if watch.explicit:
            self._disarm(watch)
        else:
            self._unwatch(watch)

    # -- timing, on the loop's thread ------------------------------------------------

    def _arm(self, watch: _Watch) -> None:
        self._disarm(watch)
        watch.thread_ident = threading.get_ident()
        watch.samples, watch.reported, watch.paused = [], None, False
        _mark_cpu(watch, perf_counter())  # the loop's first iteration may hold the GIL at once
        if iterations.can_time(watch.loop):
            watch.timed = iterations.install(watch.loop, watch, self._settle)
            watch.since = perf_counter()
        else:
            self._schedule(watch, perf_counter())
        if self.active and (watch.timed is not None or watch.handle is not None):
            self._ensure_thread()  # not for a loop that refuses the heartbeat: nothing to sample

    def _schedule(self, watch: _Watch, now: float) -> None:
        interval = _tick_for(watch.limit)
        try:
            watch.handle = watch.loop.call_later(interval, self._beat, watch)
        except RuntimeError:  # closing
            watch.since = watch.handle = None
            return
        watch.since = now + interval

    def _disarm(self, watch: _Watch) -> None:
        timed, watch.timed = watch.timed, None
        handle, watch.handle, watch.since = watch.handle, None, None
        if timed is not None:
            iterations.remove(watch.loop, timed)
        if handle is None:
            return
        if threading.get_ident() == watch.thread_ident:
            handle.cancel()
            return
        try:  # a timer belongs to its loop's thread
            watch.loop.call_soon_threadsafe(handle.cancel)
        except RuntimeError:
            pass  # closed: the timer went with it

    def _beat(self, watch: _Watch) -> None:
        now = perf_counter()
        if watch.paused:
            watch.samples, watch.reported, watch.paused = [], None, False
        elif watch.since is not None and now - watch.since >= watch.limit:
            self._settle(watch, now)
        self._schedule(watch, now)

    def _settle(self, watch: _Watch, now: float, ongoing: bool = False) -> None:
        """Report the busy stretch of ``watch`` that began at ``watch.since``: it ended at
        ``now`` or, ``ongoing``, still goes on (then it is only marked as reported)."""
        with self._sampling, self._lock:  # after a sample being taken of it
            since = watch.since
            if since is None or watch.reported == since:
                return
            samples = [s for s in watch.samples if s.since == since]
            if ongoing:
                watch.reported = since
        stall = self._stall(watch, since, now - since, samples, ongoing)
        if stall is None:
            return
        try:
            self._on_stall(stall)
        except Exception as exc:  # never break the user's loop
            sys.stderr.write(f"loopsafe: could not record loop lag: {exc!r}\n")

    def _stall(self, watch: _Watch, since: float, duration: float, samples: list[_Sample],
               ongoing: bool) -> Stall | None:
        """The stall the samples describe, or None when it is not the user's: tooling or
        an import held the loop, or, with no sample of the user's code, the thread was
        off the CPU (the machine starved the process)."""
        task = next((s.task for s in samples if s.task is not None), watch.stepping)
        attribution = _most_frequent(samples)
        if attribution is None:
            if not all(s.blind for s in samples) or not _on_cpu(watch, since):
                return None
            attribution = self._defined_at(task)
        return Stall(watch.loop, watch.thread_ident, since, duration, watch.limit, attribution,
                     ongoing, sampled=any(s.attribution is not None for s in samples), task=task)

    # -- the end of a test --------------------------------------------------------

    def busy(self) -> dict[_Watch, float]:
        """The watched loops busy right now, each with when its busy stretch began."""
        now = perf_counter()
        with self._lock:
            watches = list(self._watches.values())
        return {w: since for w in watches
                if (since := w.since) is not None and since <= now and not w.paused
                and w.loop.is_running()}

    def flush(self) -> None:
        """Report the stalls still going on (a loop stuck when its test ends), once."""
        now = perf_counter()
        for watch, since in self.busy().items():
            if now - since >= watch.limit:
                self._settle(watch, now, ongoing=True)

    # -- the sampling thread -------------------------------------------------------

    def _run(self) -> None:
        """Look, then sleep a tick: a thread started by a loop whose first iteration holds
        the GIL in C code gets to run only when that call returns, and must sample then,
        while the loop's thread still stands on the call's line (not a tick later)."""
        while not self._stopping:
            self._look()
            self._tick = _tick_for(self.shortest_threshold())
            self._wakeup.wait(self._tick)
            self._wakeup.clear()

    def _look(self) -> None:
        """Sample the loops held for a tick or more; mark the others' CPU clocks."""
        with self._lock:
            watches = list(self._watches.values())
        now = perf_counter()
        held = [w for w in watches if self._is_held(w, now)]
        for watch in watches:
            if watch not in held and watch.loop.is_running():
                _mark_cpu(watch, now)
        if not held:
            return
        with self._sampling:
            sinces = [w.since for w in held]
            frames = sys._current_frames()
            tasks = _current_tasks()
            running = [tasks.get(w.loop, w.stepping) for w in held]
            for watch, since, task in zip(held, sinces, running):
                if watch.since != since:
                    continue  # the stretch ended while the stacks were taken: whose are they?
                try:
                    self._sample(watch, since, frames, task)
                except Exception as exc:  # the watchdog must outlive any one loop's oddity
                    sys.stderr.write(f"loopsafe: lag watchdog: {exc!r}\n")

    def _is_held(self, watch: _Watch, now: float) -> bool:
        since = watch.since
        if since is None or watch.paused:
            return False
        if watch.timed is None and not watch.loop.is_running():
            watch.paused = True  # stopped unseen (a loop only watched explicitly)
            return False
        # Busy for a tick: sample from then on. Waiting for the whole threshold left a
        # stall of 1.25-1.5x the threshold a window shorter than one tick, often with no
        # sample at all; samples of a stretch that ends short of the threshold are
        # never used.
        return now - since >= _tick_for(watch.limit)

    def _sample(self, watch: _Watch, since: float, frames: dict[int, Any], task: Any) -> None:
        ident = watch.thread_ident
        frame = frames.get(ident) if ident is not None else None
        if frame is None:
            return
        attribution = self._attribute(frame, task)
        sample = _Sample(since, self._current_call(ident) is not None, attribution, task,
                         blind=attribution is None and _in_loop_machinery(frame))
        with self._lock:
            if watch.samples and watch.samples[-1].since != since:
                watch.samples = []  # an earlier stretch's, that was not a stall
            if len(watch.samples) < _MAX_SAMPLES:
                watch.samples.append(sample)

    def _attribute(self, frame: FrameType, task: Any) -> Attribution | None:
        """Where the user's code holds the loop. With no user frame on the stack, the
        callback the loop runs (where it was scheduled) or the task it steps (the
        user's coroutine it runs: a C call that keeps the GIL lets this thread sample
        only after it returns, sometimes back in asyncio's own frames)."""
        if self._user_code.user_frame(frame) is not None:
            return self._user_code.attribute(frame)
        if self._callback_origin is not None:
            origin = self._callback_origin(frame)
            if origin is not None:
                return origin
        coroutine_frame = getattr(_coroutine(task), "cr_frame", None)
        return self._user_code.attribute(coroutine_frame) if coroutine_frame is not None else None

    def _defined_at(self, task: Any) -> Attribution | None:
        """Where the coroutine of ``task`` is defined, if it is the user's code: the best
        location left for a stall that ended with the task's step, unsampled."""
        code = getattr(_coroutine(task), "cr_code", None)
        return self._user_code.defined_at(code) if code is not None else None


def _coroutine(task: Any) -> Any:
    """The coroutine an asyncio or a trio task runs (None for anything else)."""
    get_coro = getattr(task, "get_coro", None)
    return get_coro() if get_coro is not None else getattr(task, "coro", None)


# The loop's own machinery, down to the frame that runs each iteration (asyncio's
# ``_run_once``, trio's ``unrolled_run``): a stack that shows only these is the loop
# between the user's callbacks.
_LOOP_MODULES = ("asyncio", "trio", "contextvars")
_ITERATION_FRAMES = ("_run_once", "unrolled_run")


def _in_loop_machinery(frame: FrameType | None) -> bool:
    """Whether ``frame`` and its callers, up to the loop's iteration, are all the loop's."""
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if not any(module == m or module.startswith(m + ".") for m in _LOOP_MODULES):
            return False
        if frame.f_code.co_name in _ITERATION_FRAMES:
            return True
        frame = frame.f_back
    return False


def _thread_cpu(ident: int | None) -> float | None:
    """The CPU time a thread has used (None where the platform cannot tell)."""
    try:
        return time.clock_gettime(time.pthread_getcpuclockid(ident))
    except (AttributeError, OSError, OverflowError, TypeError):
        return None


def _mark_cpu(watch: _Watch, now: float) -> None:
    """Note the loop thread's CPU clock, read at ``now`` or later."""
    cpu = _thread_cpu(watch.thread_ident)
    if cpu is not None:
        watch.cpu_mark = (now, cpu)


def _cpu_during(watch: _Watch, since: float) -> float | None:
    """The CPU time the loop's thread used, at least, from ``since`` until now: what it
    used since the mark, less all of the wall time between the mark and ``since``."""
    mark = watch.cpu_mark
    cpu = _thread_cpu(watch.thread_ident) if mark is not None else None
    if cpu is None:
        return None
    return cpu - mark[1] - max(0.0, since - mark[0])


def _on_cpu(watch: _Watch, since: float) -> bool:
    """Whether the loop's thread used half a threshold of CPU or more since ``since`` (a
    share, not all of it: on a loaded machine a busy thread gets only part of a core)."""
    cpu = _cpu_during(watch, since)
    return cpu is not None and cpu >= watch.limit / 2


def _call(ref: weakref.ref, method: str) -> None:
    watchdog = ref()
    if watchdog is not None:
        getattr(watchdog, method)()


def current_task(loop: Any) -> Any:
    """The task ``loop`` is running now, asked from any thread."""
    return _current_tasks().get(loop)


def _current_tasks() -> dict:
    """asyncio's loop -> running task table (what ``current_task`` reads; it can only
    be asked from the loop's own thread)."""
    return getattr(asyncio.tasks, "_current_tasks", {})


def _tick_for(threshold: float) -> float:
    return min(max(threshold / 4, _MIN_TICK), _MAX_TICK)


def _most_frequent(samples: list[_Sample]) -> Attribution | None:
    """The location seen most often while the loop was held (first seen wins a tie):
    for a CPU loop, the line that burns the time. Samples outside intercepted calls
    come first: time inside those is the at-the-call detector's to report."""
    located = [s for s in samples if s.attribution is not None]
    chosen = [s.attribution for s in located if not s.in_call] or [s.attribution for s in located]
    if not chosen:
        return None
    counts = Counter(a.location for a in chosen)
    best = max(counts.values())
    return next(a for a in chosen if counts[a.location] == best)

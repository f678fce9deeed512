"""By-lag detection: a heartbeat on every running loop, and one watchdog thread that samples.

Each watched loop runs a heartbeat: a timer (``call_later``) a quarter of the
threshold ahead, which records that the loop was alive and schedules the next
one. The loop itself measures its stalls this way: a heartbeat that runs late
was held up by one loop iteration that lasted at least that long. It costs one
timer per tick, whatever the number of awaits (an instrumented
``Handle._run`` would cost on every callback), and no cross-thread traffic.

One daemon thread serves every loop. Each tick it looks at each loop's last
heartbeat; when one is overdue by the threshold, the loop is held right now,
so it samples the loop thread's stack (``sys._current_frames``) and locates the
stall in the user's code, even in C code or a CPU loop no patch could catch. A C
call that keeps the GIL (a regex, ``sum`` over a huge range) starves this thread
too; it then wakes right after the call returns, when the loop's thread still
stands on the call's line, which is where it samples.

A late heartbeat measures at most the time the loop was held, so a reported
stall is always real; one shorter than a threshold and a quarter may be missed.
Sampling starts once a heartbeat is a tick overdue, so a stall just over the
threshold still gets samples.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from collections import Counter
from dataclasses import dataclass, field
from time import perf_counter
from typing import Any, Callable

from loopsafe.plugin.detectors.frames import Attribution, UserCode

_MAX_SAMPLES = 50
_MIN_TICK = 0.005
_MAX_TICK = 0.05


@dataclass
class Stall:
    """A loop held longer than its threshold, as the watchdog saw it."""

    loop: Any
    thread_ident: int | None
    started: float  # perf_counter() when the late heartbeat was due
    duration: float
    threshold: float
    # Where the user's code was while the loop was held (see _most_frequent).
    attribution: Attribution | None
    ongoing: bool = False  # still held when the test ended


@dataclass
class _Watch:
    loop: Any
    threshold: float | None  # None: the detector's current threshold
    thread_ident: int | None = None
    explicit: bool = False  # watched through BlockingDetector.watch
    seen_running: bool = False  # the registry saw it start and not yet stop
    due: float | None = None  # when the next heartbeat should run; None: not armed
    handle: Any = None  # that heartbeat's timer
    # (inside an intercepted call?, where the user's code was)
    samples: list[tuple[bool, Attribution]] = field(default_factory=list)
    # The stall in progress was already reported (flush): its heartbeat must not
    # report it again, to the next test.
    reported: bool = False
    # Seen stopped by the watchdog (a loop only watched explicitly): the next
    # heartbeat measures the pause, not a stall.
    paused: bool = False


class LagWatchdog:
    """Watches the responsiveness of every running loop and reports stalls to ``on_stall``.

    ``current_call(ident)`` tells which intercepted blocking call a thread is in:
    samples taken inside one count only when nothing else explains the stall
    (many short sleeps that each stay under the threshold).
    """

    def __init__(self, user_code: UserCode, on_stall: Callable[[Stall], None],
                 current_call: Callable[[int], str | None], threshold: float):
        self._user_code = user_code
        self._on_stall = on_stall
        self._current_call = current_call
        self._threshold = threshold
        self._watches: dict[int, _Watch] = {}  # id(loop) -> watch
        self._lock = threading.Lock()
        self._wakeup = threading.Event()
        self._tick = _tick_for(threshold)
        self._stopping = False
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------

    def start(self) -> None:
        if self._thread is None:
            self._stopping = False
            self._thread = threading.Thread(target=self._run, name="loopsafe-lag-watchdog",
                                            daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stopping = True
        self._wakeup.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        with self._lock:
            watches = list(self._watches.values())
            self._watches.clear()
        for watch in watches:
            self._disarm(watch)

    def set_threshold(self, threshold: float) -> None:
        self._threshold = threshold
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
                watch = self._watches[id(loop)] = _Watch(loop, threshold, explicit=explicit)
            else:
                watch.threshold = threshold if threshold is not None else watch.threshold
                watch.explicit = watch.explicit or explicit
        if threshold is not None:
            self._shorten_tick(threshold)
        if explicit and watch.due is None:
            self._arm_later(watch)
        return watch

    def adopt(self, loop: Any) -> None:
        """Watch a loop that was already running in some thread before the registry was."""
        watch = self.watch(loop)
        watch.seen_running = True
        self._arm_later(watch)

    def _arm_later(self, watch: _Watch) -> None:
        try:  # its heartbeat starts from its own thread, whenever it runs
            watch.loop.call_soon_threadsafe(self._arm, watch)
        except RuntimeError:
            pass  # closed: nothing to watch

    def release(self, loop: Any) -> None:
        """End an explicit watch: a loop the registry saw start stays watched, with the
        common threshold, until it stops."""
        watch = self._watches.get(id(loop))
        if watch is None or watch.loop is not loop:
            return
        watch.explicit, watch.threshold = False, None
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
        """The loop's last stall may have ended it before its heartbeat could run."""
        watch = self._watches.get(id(loop))
        if watch is None or watch.loop is not loop:
            return
        self._settle(watch, perf_counter())
        watch.seen_running = False
        if watch.explicit:
            self._disarm(watch)
        else:
            self._unwatch(watch)

    # -- the heartbeat, on the loop's thread -------------------------------------

    def _arm(self, watch: _Watch) -> None:
        self._disarm(watch)
        watch.thread_ident = threading.get_ident()
        watch.samples, watch.reported, watch.paused = [], False, False
        self._schedule(watch, perf_counter())

    def _schedule(self, watch: _Watch, now: float) -> None:
        interval = _tick_for(self.threshold_of(watch.loop))
        try:
            watch.handle = watch.loop.call_later(interval, self._beat, watch)
        except RuntimeError:  # closing
            watch.due = watch.handle = None
            return
        watch.due = now + interval

    def _disarm(self, watch: _Watch) -> None:
        handle, watch.handle, watch.due = watch.handle, None, None
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
            watch.samples, watch.reported, watch.paused = [], False, False
        else:
            self._settle(watch, now)
        self._schedule(watch, now)

    def _settle(self, watch: _Watch, now: float, ongoing: bool = False) -> None:
        """Report the stall that delayed the heartbeat due at ``watch.due``, if any.

        From the heartbeat (or the loop's stop) the measurement ends; from ``flush``
        (``ongoing``) the stall goes on and is only marked as reported."""
        threshold = self.threshold_of(watch.loop)
        with self._lock:
            due, samples, reported = watch.due, watch.samples, watch.reported
            late = due is not None and not reported and now - due >= threshold
            if late or not ongoing:
                watch.samples, watch.reported = [], ongoing
        if not late:
            return
        stall = Stall(watch.loop, watch.thread_ident, due, now - due, threshold,
                      _most_frequent(samples), ongoing)
        try:
            self._on_stall(stall)
        except Exception as exc:  # never break the user's loop
            sys.stderr.write(f"loopsafe: could not record loop lag: {exc!r}\n")

    # -- the watchdog thread -------------------------------------------------------

    def flush(self) -> None:
        """Report stalls still going on (a loop stuck when its test ends), once."""
        now = perf_counter()
        with self._lock:
            watches = list(self._watches.values())
        for watch in watches:
            if watch.due is not None and not watch.paused:
                self._settle(watch, now, ongoing=True)

    def _run(self) -> None:
        while not self._stopping:
            self._tick = _tick_for(self.shortest_threshold())
            self._wakeup.wait(self._tick)
            self._wakeup.clear()
            if self._stopping:
                return
            with self._lock:
                watches = list(self._watches.values())
            now = perf_counter()
            held = [w for w in watches if self._is_held(w, now)]
            if not held:
                continue
            frames = sys._current_frames()
            for watch in held:
                try:
                    self._sample(watch, frames)
                except Exception as exc:  # the watchdog must outlive any one loop's oddity
                    sys.stderr.write(f"loopsafe: lag watchdog: {exc!r}\n")

    def _is_held(self, watch: _Watch, now: float) -> bool:
        due = watch.due
        if due is None or watch.paused:
            return False
        if not watch.loop.is_running():
            watch.paused = True  # stopped unseen (a loop only watched explicitly)
            return False
        # Overdue by a tick, the loop is busy (an idle loop wakes for its timer): sample
        # from then on. Waiting for the whole threshold left a stall of 1.25-1.5x the
        # threshold a window shorter than one tick, often with no sample at all; samples
        # of a heartbeat that turns out not late enough are discarded when it runs.
        return now - due >= _tick_for(self.threshold_of(watch.loop))

    def _sample(self, watch: _Watch, frames: dict[int, Any]) -> None:
        ident = watch.thread_ident
        frame = frames.get(ident) if ident is not None else None
        if frame is None or len(watch.samples) >= _MAX_SAMPLES:
            return
        attribution = self._user_code.attribute(frame) or self._task_attribution(watch.loop)
        if attribution is not None:
            watch.samples.append((self._current_call(ident) is not None, attribution))

    def _task_attribution(self, loop: Any) -> Attribution | None:
        """Where the loop's running task stands in the user's code. A C call that keeps
        the GIL lets this thread sample only after it returns, sometimes when the loop's
        thread is already back in asyncio's own frames: the task's coroutine still
        names the user's code it is running."""
        task = _current_tasks().get(loop)
        coroutine = task.get_coro() if task is not None else None
        frame = getattr(coroutine, "cr_frame", None)
        return self._user_code.attribute(frame) if frame is not None else None


def _current_tasks() -> dict:
    """asyncio's loop -> running task table (what ``current_task`` reads; it can only
    be asked from the loop's own thread)."""
    return getattr(asyncio.tasks, "_current_tasks", {})


def _tick_for(threshold: float) -> float:
    return min(max(threshold / 4, _MIN_TICK), _MAX_TICK)


def _most_frequent(samples: list[tuple[bool, Attribution]]) -> Attribution | None:
    """The location seen most often while the loop was held (first seen wins a tie):
    for a CPU loop, the line that burns the time. Samples outside intercepted calls
    come first: time inside those is the at-the-call detector's to report."""
    chosen = [a for in_call, a in samples if not in_call] or [a for _, a in samples]
    if not chosen:
        return None
    counts = Counter(a.location for a in chosen)
    best = max(counts.values())
    return next(a for a in chosen if counts[a.location] == best)

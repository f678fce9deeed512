"""By-lag detection: a watchdog thread that notices when a running loop stops responding.

One daemon thread serves every loop. Each tick (a quarter of the shortest
threshold) it posts a heartbeat to each watched loop with
``call_soon_threadsafe`` unless one is still on its way. A heartbeat that comes
back late measures how long the loop was held; one still outstanding after the
threshold means the loop is held right now, so the watchdog samples the loop
thread's stack (``sys._current_frames``) and locates the stall in the user's
code even when it sits in C code or a CPU loop no patch could catch.

The cost on a busy loop is one extra callback per tick, whatever the number of
awaits, which is what keeps the plugin's overhead near zero (an instrumented
``Handle._run`` would cost on every callback).

A heartbeat measures at most the time the loop was held (it may be posted in
the middle of a stall, never before it began), so a late one is always a real
stall; a stall shorter than a threshold and a quarter may be seen or not.
"""

from __future__ import annotations

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
    started: float  # perf_counter() when the late heartbeat was posted
    duration: float
    threshold: float
    # Where the user's code was while the loop was held (see _most_frequent).
    attribution: Attribution | None
    ongoing: bool = False  # still held when the test ended


@dataclass
class _Watch:
    loop: Any
    threshold: float | None  # None: the detector's current threshold
    thread_ident: int | None
    explicit: bool = False  # watched through BlockingDetector.watch, not the registry
    token: int = 0  # identifies the outstanding heartbeat; stale ones are ignored
    # A stall reported while still going on (flush): no new heartbeat until the old one
    # is back, or the rest of that stall would be reported again, to the next test.
    held_since_flush: bool = False
    sent_at: float | None = None
    # (inside an intercepted call?, where the user's code was)
    samples: list[tuple[bool, Attribution]] = field(default_factory=list)


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
            self._watches.clear()

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

    def watch(self, loop: Any, threshold: float | None = None, thread_ident: int | None = None,
              explicit: bool = False) -> None:
        with self._lock:
            watch = self._watches.get(id(loop))
            if watch is None or watch.loop is not loop:
                self._watches[id(loop)] = _Watch(loop, threshold, thread_ident, explicit)
            else:
                watch.threshold = threshold if threshold is not None else watch.threshold
                watch.thread_ident = thread_ident or watch.thread_ident
                watch.explicit = watch.explicit or explicit
        if threshold is not None:
            self._shorten_tick(threshold)

    def unwatch(self, loop: Any) -> None:
        with self._lock:
            watch = self._watches.get(id(loop))
            if watch is not None and watch.loop is loop:
                del self._watches[id(loop)]

    # Registry listener: loops come and go with run_forever.

    def loop_started(self, loop: Any, thread: threading.Thread) -> None:
        self.watch(loop, thread_ident=thread.ident)
        watch = self._watches.get(id(loop))
        if watch is not None:
            self._forget_heartbeat(watch)  # posted while it was not running: measures nothing

    def loop_stopped(self, loop: Any, thread: threading.Thread) -> None:
        """A heartbeat posted during the loop's last stall will never run: settle it now."""
        watch = self._watches.get(id(loop))
        if watch is None or watch.loop is not loop:
            return
        self._settle(watch, watch.token, perf_counter())
        if not watch.explicit:
            self.unwatch(loop)

    # -- measuring -------------------------------------------------------------

    def flush(self) -> None:
        """Report stalls still going on (a loop stuck when its test ends) and forget them."""
        now = perf_counter()
        with self._lock:
            watches = list(self._watches.values())
        for watch in watches:
            sent_at, threshold = watch.sent_at, self.threshold_of(watch.loop)
            if sent_at is not None and now - sent_at >= threshold:
                self._settle(watch, watch.token, now, ongoing=True)

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
            for watch in watches:
                try:
                    self._check(watch, now)
                except Exception as exc:  # the watchdog must outlive any one loop's oddity
                    sys.stderr.write(f"loopsafe: lag watchdog: {exc!r}\n")

    def _check(self, watch: _Watch, now: float) -> None:
        """One tick for one loop: post a heartbeat, or sample the stack if it is late."""
        if not watch.loop.is_running():
            self._forget_heartbeat(watch)  # stopped unseen (only watched explicitly)
            return
        with self._lock:
            sent_at = watch.sent_at
            if sent_at is None:
                if watch.held_since_flush:
                    return
                watch.token += 1
                watch.sent_at, watch.samples, token = now, [], watch.token
        if sent_at is not None:
            if now - sent_at >= self.threshold_of(watch.loop):
                self._sample(watch)
            return
        try:
            watch.loop.call_soon_threadsafe(self._beat, watch, token)
        except RuntimeError:  # closed meanwhile
            self._forget_heartbeat(watch)
            self.unwatch(watch.loop)

    def _forget_heartbeat(self, watch: _Watch) -> None:
        with self._lock:
            watch.token += 1
            watch.sent_at = None
            watch.samples = []
            watch.held_since_flush = False

    def _beat(self, watch: _Watch, token: int) -> None:
        """Runs on the loop's thread: the heartbeat is back."""
        watch.thread_ident = threading.get_ident()
        if token != watch.token:
            watch.held_since_flush = False  # the stall reported by flush is over
        self._settle(watch, token, perf_counter())

    def _sample(self, watch: _Watch) -> None:
        ident = watch.thread_ident
        if ident is None or len(watch.samples) >= _MAX_SAMPLES:
            return
        in_call = self._current_call(ident) is not None
        frame = sys._current_frames().get(ident)
        attribution = self._user_code.attribute(frame) if frame is not None else None
        if attribution is not None:
            watch.samples.append((in_call, attribution))

    def _settle(self, watch: _Watch, token: int, now: float, ongoing: bool = False) -> None:
        with self._lock:
            if token != watch.token or watch.sent_at is None:
                return  # a stale heartbeat from before the loop stopped or a flush
            sent_at, samples = watch.sent_at, watch.samples
            watch.sent_at, watch.samples = None, []
            if ongoing:
                watch.token += 1  # the heartbeat still queued is now stale
                watch.held_since_flush = True
        threshold = self.threshold_of(watch.loop)
        if now - sent_at < threshold:
            return
        stall = Stall(watch.loop, watch.thread_ident, sent_at, now - sent_at, threshold,
                      _most_frequent(samples), ongoing)
        try:
            self._on_stall(stall)
        except Exception as exc:  # never break the user's loop
            sys.stderr.write(f"loopsafe: could not record loop lag: {exc!r}\n")


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

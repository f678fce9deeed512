"""The blocked-loop detector: at-the-call interception and the lag watchdog, as one.

The two means overlap on purpose: a known blocking call is named exactly at the
call, anything else (C code, a CPU loop, an API the catalogue lacks) is found by
lag. A stall that an intercepted call explains is reported once, as the
``blocking-call``; the watchdog reports only what the calls leave unexplained.

A finding belongs to the test during which the stall began. A test's end waits
(``STRAGGLER_WAIT`` at most) for the loops it left busy and the blocking calls it
left running -- a coroutine sent to a session-scoped loop thread, a thread's own
``asyncio.run`` -- and reports what still goes on after that at once, as still
held; whatever began before a test began is never that test's.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections import deque
from time import perf_counter, sleep
from types import FrameType
from typing import Any, Iterator

from loopsafe.linter.catalogue import BlockingAPI
from loopsafe.plugin.detectors.calls import CallInterceptor
from loopsafe.plugin.detectors.frames import Attribution
from loopsafe.plugin.detectors.lag import LagWatchdog, Stall, current_task
from loopsafe.plugin.detectors.loops import LoopRegistry
from loopsafe.plugin.detectors.trio_runs import TrioRuns
from loopsafe.plugin.events import Event, Location
from loopsafe.plugin.sink import EventSink

_RECENT_CALLS = 256  # how many reported calls to remember for explaining stalls
# Seconds a test's end waits for the stalls, blocking calls and loop work it left going
# on; and for the threads it started to start their loops, if they run one.
STRAGGLER_WAIT = 1.0
_THREAD_START_WAIT = 0.2
_POLL = 0.005
_KINDS = ("blocking-call", "loop-lag")


class BlockingDetector:
    """Finds event loops held longer than a threshold and says where, in the user's code
    (the registry's ``UserCode``); its events go to ``sink``."""

    def __init__(self, registry: LoopRegistry, sink: EventSink, *, threshold: float):
        self.registry = registry
        self.user_code = registry.user_code
        self.sink = sink
        self.threshold = threshold
        self._test_id = ""
        self._test_location: Location | None = None  # where the running test is defined
        self._began = float("inf")  # perf_counter() at the running test's begin
        self._enabled = False
        self._lock = threading.Lock()
        # (thread ident, started, ended) of reported blocking calls, for de-duplication.
        self._recent_calls: deque[tuple[int, float, float]] = deque(maxlen=_RECENT_CALLS)
        self._calls = CallInterceptor(self._on_blocking_call)
        self._watchdog = LagWatchdog(self.user_code, self._on_stall, self._calls.current_call,
                                     threshold, registry.callback_origin)
        self.trio = TrioRuns(self._watchdog)
        self._calls.other_loops = self.trio.runs

    # -- session -----------------------------------------------------------

    def start(self) -> None:
        """Install interception and the watchdog (session start)."""
        self.registry.install()
        self.registry.add_listener(self._watchdog)
        for loop, _ in self.registry.running():
            self._watchdog.adopt(loop)
        self._calls.install()

    def stop(self) -> None:
        """Undo everything (session end)."""
        self._enabled = False
        self._calls.uninstall()
        self.trio.uninstall()
        self.registry.remove_listener(self._watchdog)
        self._watchdog.stop()

    # -- per test ------------------------------------------------------------

    def begin(self, test_id: str, *, threshold: float, enabled: bool,
              location: Location | None = None) -> None:
        """Before a test's setup: collect its events from now on (a stall that nothing
        locates better is reported at the test's ``location``)."""
        self._calls.refresh()  # modules the test's imports brought in
        self.registry.refresh()
        self.trio.refresh()
        with self._lock:
            self._recent_calls.clear()
        self._test_id = self.registry.owner = test_id
        self._test_location = location
        self._began = perf_counter()
        self.threshold = threshold
        self._watchdog.set_threshold(threshold)
        self._enabled = enabled
        if enabled:  # the sampling thread starts with the first loop that runs
            self._watchdog.start()
        else:
            self._watchdog.active = False
        self._update_gate()

    def flush(self) -> None:
        """Record the stalls still going on (once): a phase of the test is over."""
        if self._enabled:
            self._watchdog.flush()

    def end(self) -> None:
        """After a test's teardown: wait a while for the stalls and loop work it left going
        on, record what still goes on, then stop recording."""
        if self._enabled:
            self._settle_stragglers()
        self._enabled = False
        self.registry.owner = None
        self._update_gate()

    @property
    def events(self) -> list[Event]:
        """The running test's ``blocking-call`` and ``loop-lag`` events so far."""
        return [event for event in self.sink.current() if event.kind in _KINDS]

    def _settle_stragglers(self) -> None:
        """Wait a while for the loops this test left busy and the blocking calls it left
        running, so that they end -- and are measured -- within it; then report the rest
        as still going on."""
        began = perf_counter()
        busy = self._watchdog.busy()
        calls = self._calls.running()
        while (now := perf_counter()) < began + STRAGGLER_WAIT:
            work, threads = self.registry.pending_of(self._test_id)
            if not (work or any(w.since == since for w, since in busy.items())
                    or any(self._calls.running().get(i) == call for i, call in calls.items())
                    or (threads and now < began + _THREAD_START_WAIT)):
                break
            sleep(_POLL)
        self._watchdog.flush()
        frames = sys._current_frames()
        for ident, (api, started, loop) in self._calls.running().items():
            if ident in frames:
                self._on_blocking_call(api, loop, started, perf_counter() - started,
                                       frames[ident], ident, ongoing=True)

    @contextlib.contextmanager
    def watch(self, loop: Any, threshold: float | None = None) -> Iterator["BlockingDetector"]:
        """Watch a loop the plugin does not see by itself (or give one loop its own threshold)."""
        self._watchdog.watch(loop, threshold, explicit=True)
        self._update_gate()
        try:
            yield self
        finally:
            self._watchdog.release(loop)
            self._update_gate()

    def _update_gate(self) -> None:
        self._calls.threshold = self._watchdog.shortest_threshold()
        self._calls.enabled = self._enabled

    # -- findings ------------------------------------------------------------

    def _on_blocking_call(self, api: BlockingAPI, loop: Any, started: float, held: float,
                          frame: FrameType, ident: int | None = None, ongoing: bool = False) -> None:
        """A blocking call that held a loop (``ongoing``: and still does, at the test's end)."""
        ident = threading.get_ident() if ident is None else ident
        if not ongoing:
            with self._lock:
                self._recent_calls.append((ident, started, started + held))
        threshold = self._watchdog.threshold_of(loop)
        if not self._enabled or held < threshold or not self._ours(started, current_task(loop)):
            return
        attribution = self._attribute(frame, api.name)
        if attribution is None:
            return
        state = "has held the event loop for" if ongoing else "held the event loop for"
        still = " and still runs at the end of the test" if ongoing else ""
        self._add(Event(
            kind="blocking-call",
            message=(f"{api.name} {state} {held:.3f}s (threshold {threshold}s){still} "
                     f"at {attribution.location}; use {api.alternative}"),
            call=api.name, duration=round(held, 4), location=attribution.location,
            stack=attribution.stack, outside=list(attribution.outside) or None,
        ))

    def _attribute(self, frame: FrameType, call: str) -> Attribution | None:
        """The user's frame at the call or, with none (a blocking API scheduled as a loop
        callback), where that callback was scheduled."""
        if self.user_code.user_frame(frame) is None:
            return self.registry.callback_origin(frame)
        return self.user_code.attribute(frame, call)

    def _ours(self, started: float, task: Any) -> bool:
        """Whether a stall that began at ``started`` in ``task`` is the running test's: the
        task's if it belongs to a test, else the test's during which it began."""
        owner = self.registry.owner_of(task)
        return owner == self._test_id if owner is not None else started >= self._began

    def _on_stall(self, stall: Stall) -> None:
        if not self._enabled or not self._ours(stall.started, stall.task):
            return
        explained = self._explained(stall)
        if stall.duration - explained < stall.threshold:
            return  # the blocking calls already reported account for it
        state = "is still held" if stall.ongoing else "was held"
        outside = (f"{stall.duration - explained:.3f}s of it outside known blocking calls"
                   if explained else "outside any known blocking call")
        attribution = stall.attribution
        location = attribution.location if attribution is not None else self._test_location
        where = f"at {location}" if location is not None else "at an unknown location"
        if attribution is None:
            where += " (no stack sample showed the line: C code kept the interpreter busy)"
        self._add(Event(
            kind="loop-lag",
            message=(f"the event loop {state} for {stall.duration:.3f}s (threshold "
                     f"{stall.threshold}s) {where}, {outside} (CPU-bound work or C code); "
                     f"move it off the loop with `await asyncio.to_thread(...)` or a process pool"),
            duration=round(stall.duration, 4),
            location=location,
            stack=stall.attribution.stack if stall.attribution else [],
            outside=list(stall.attribution.outside) or None if stall.attribution else None,
        ))

    def _explained(self, stall: Stall) -> float:
        """Seconds of the stall spent in blocking calls on the loop's thread (reported,
        dropped as not the user's, or still running), which are not lag of their own."""
        end = stall.started + stall.duration
        with self._lock:
            calls = [(s, e) for i, s, e in self._recent_calls if i == stall.thread_ident]
        running = self._calls.running().get(stall.thread_ident)
        if running is not None:
            calls.append((running[1], end))
        return sum(max(0.0, min(end, c_end) - max(stall.started, c_start))
                   for c_start, c_end in calls)

    def _add(self, event: Event) -> None:
        event.test = self._test_id
        self.sink.record(event)

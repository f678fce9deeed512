"""The blocked-loop detector: at-the-call interception and the lag watchdog, as one.

The two means overlap on purpose: a known blocking call is named exactly at the
call, anything else (C code, a CPU loop, an API the catalogue lacks) is found by
lag. A stall that an intercepted call explains is reported once, as the
``blocking-call``; the watchdog reports only what the calls leave unexplained.
"""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from types import FrameType
from typing import Any, Iterator

from loopsafe.linter.catalogue import BlockingAPI
from loopsafe.plugin.detectors.calls import CallInterceptor
from loopsafe.plugin.detectors.lag import LagWatchdog, Stall
from loopsafe.plugin.detectors.loops import LoopRegistry
from loopsafe.plugin.events import Event
from loopsafe.plugin.sink import EventSink

_RECENT_CALLS = 256  # how many reported calls to remember for explaining stalls
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
        self._enabled = False
        self._lock = threading.Lock()
        # (thread ident, started, ended) of reported blocking calls, for de-duplication.
        self._recent_calls: deque[tuple[int, float, float]] = deque(maxlen=_RECENT_CALLS)
        self._calls = CallInterceptor(self._on_blocking_call)
        self._watchdog = LagWatchdog(self.user_code, self._on_stall, self._calls.current_call,
                                     threshold)

    # -- session -----------------------------------------------------------

    def start(self) -> None:
        """Install interception and the watchdog (session start)."""
        self.registry.install()
        self.registry.add_listener(self._watchdog)
        for loop, _ in self.registry.running():
            self._watchdog.adopt(loop)
        self._calls.install()
        self._watchdog.start()

    def stop(self) -> None:
        """Undo everything (session end)."""
        self._enabled = False
        self._calls.uninstall()
        self.registry.remove_listener(self._watchdog)
        self._watchdog.stop()

    # -- per test ------------------------------------------------------------

    def begin(self, test_id: str, *, threshold: float, enabled: bool) -> None:
        """Before a test's setup: collect its events from now on."""
        self._calls.refresh()  # modules the test's imports brought in
        with self._lock:
            self._recent_calls.clear()
        self._test_id = test_id
        self.threshold = threshold
        self._watchdog.set_threshold(threshold)
        self._enabled = enabled
        self._update_gate()

    def flush(self) -> None:
        """Record the stalls still going on (once): a phase of the test is over."""
        if self._enabled:
            self._watchdog.flush()

    def end(self) -> None:
        """After a test's teardown: record what is still going on, then stop recording."""
        self.flush()
        self._enabled = False
        self._update_gate()

    @property
    def events(self) -> list[Event]:
        """The running test's ``blocking-call`` and ``loop-lag`` events so far."""
        return [event for event in self.sink.current() if event.kind in _KINDS]

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
                          frame: FrameType) -> None:
        threshold = self._watchdog.threshold_of(loop)
        if not self._enabled or held < threshold:
            return
        attribution = self.user_code.attribute(frame, api.name)
        with self._lock:
            self._recent_calls.append((threading.get_ident(), started, started + held))
        if attribution is None:
            return
        self._add(Event(
            kind="blocking-call",
            message=(f"{api.name} held the event loop for {held:.3f}s (threshold {threshold}s) "
                     f"at {attribution.location}; use {api.alternative}"),
            call=api.name, duration=round(held, 4), location=attribution.location,
            stack=attribution.stack, outside=list(attribution.outside) or None,
        ))

    def _on_stall(self, stall: Stall) -> None:
        if not self._enabled or stall.attribution is None:
            return
        explained = self._explained(stall)
        if stall.duration - explained < stall.threshold:
            return  # the blocking calls already reported account for it
        state = "is still held" if stall.ongoing else "was held"
        outside = (f"{stall.duration - explained:.3f}s of it outside known blocking calls"
                   if explained else "outside any known blocking call")
        self._add(Event(
            kind="loop-lag",
            message=(f"the event loop {state} for {stall.duration:.3f}s (threshold "
                     f"{stall.threshold}s) at {stall.attribution.location}, {outside} "
                     f"(CPU-bound work or C code); move it off the loop with "
                     f"`await asyncio.to_thread(...)` or a process pool"),
            duration=round(stall.duration, 4), location=stall.attribution.location,
            stack=stall.attribution.stack, outside=list(stall.attribution.outside) or None,
        ))

    def _explained(self, stall: Stall) -> float:
        """Seconds of the stall spent in blocking calls on the loop's thread (reported or
        dropped as not the user's), which are not lag of their own."""
        end = stall.started + stall.duration
        with self._lock:
            calls = [c for c in self._recent_calls if c[0] == stall.thread_ident]
        return sum(max(0.0, min(end, c_end) - max(stall.started, c_start))
                   for _, c_start, c_end in calls)

    def _add(self, event: Event) -> None:
        event.test = self._test_id
        self.sink.record(event)

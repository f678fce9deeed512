"""The one place every runtime finding goes: detectors and fixtures ``record`` into it.

An event belongs to the test that was running when it was recorded (or to the test
a detector names itself, for a stall that began in an earlier test). Events a test's
settings turn off are dropped here, once, for every source. Each kept event is
written to the spool at once (a pytest-xdist worker's file), so that it survives
the process: a worker that crashes, or a ``pytest-timeout`` that ends the process
with ``os._exit``, loses none of what was already found.
"""

from __future__ import annotations

import threading

from .events import Event
from .options import Settings
from .spool import Spool


def mode_of(event: Event, settings: Settings) -> str:
    """Which setting governs an event. Unpicklable work is always an error: the
    work never ran."""
    if event.kind in ("blocking-call", "loop-lag"):
        return settings.blocking
    if event.kind == "unpicklable":
        return "fail"
    if event.kind == "schedule-failure":
        return "warn"  # the explored test fails by itself; the event is for the report
    return settings.leaks


class EventSink:
    """The session's events, and the running test's (``begin`` ... ``finish``)."""

    def __init__(self, spool: Spool | None = None) -> None:
        self.events: list[Event] = []  # the whole session's, in the order recorded
        self._spool = spool
        self._lock = threading.Lock()  # detectors record from the watchdog and loop threads
        self._test: str = ""
        self._settings: Settings | None = None
        self._current: list[Event] = []  # the running test's
        self._decided = 0  # how many of them a report has already been judged by

    @property
    def test(self) -> str:
        """The running test's node id ("" between tests)."""
        return self._test

    def begin(self, test_id: str, settings: Settings) -> None:
        with self._lock:
            self._test, self._settings = test_id, settings
            self._current, self._decided = [], 0
            if self._spool is not None:
                self._spool.begin(test_id)

    def record(self, event: Event) -> None:
        """Keep ``event`` for the running test (or the test it names), unless that test's
        settings turn its kind off."""
        with self._lock:
            event.test = event.test or self._test
            current = bool(self._test) and event.test == self._test
            if current and self._settings is not None and mode_of(event, self._settings) == "off":
                return
            self.events.append(event)
            if current:
                self._current.append(event)
            if self._spool is not None:
                self._spool.write(event)

    def current(self) -> list[Event]:
        """The running test's events so far."""
        with self._lock:
            return list(self._current)

    def undecided(self) -> list[Event]:
        """The running test's events that no report of it has been judged by yet; from now
        on they count as judged."""
        with self._lock:
            events, self._decided = self._current[self._decided:], len(self._current)
            return events

    def finish(self) -> None:
        """The running test is over: later events belong to no test, or name theirs."""
        with self._lock:
            self._test, self._settings, self._current, self._decided = "", None, [], 0

    def close(self) -> None:
        """The session is over: the spool says so (a spool without it is a crashed worker's)."""
        with self._lock:
            if self._spool is not None:
                self._spool.close()
                self._spool = None

"""Where the plugin's events go: the test's outcome, the terminal summary, the JSON report.

Events are collected per test (``EventLog``), then decide the test's outcome
(``apply_outcome``): in ``fail`` mode they fail it, in ``warn`` mode they only
reach the summary. Under pytest-xdist each worker ships its events to the
controller through ``workeroutput``, so the one report holds them all.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .events import Event
from .options import Settings

WORKER_KEY = "loopsafe_events"
REPORT_VERSION = 1
SUMMARY_ROWS = 30  # the rest is in the JSON report


class EventLog:
    """The session's events, and the running test's.

    Fixtures ``record`` into the running test while it runs; ``finish`` stamps
    them with the test's node id and keeps them for the summary and the report.
    """

    def __init__(self) -> None:
        self.events: list[Event] = []
        self._current: list[Event] = []

    def record(self, event: Event) -> None:
        self._current.append(event)

    def finish(self, test_id: str, more: list[Event], settings: Settings) -> list[Event]:
        """Close the running test: its recorded events plus ``more`` (the detectors'),
        less those its settings turn off."""
        events, self._current = self._current + list(more), []
        events = [event for event in events if mode_of(event, settings) != "off"]
        for event in events:
            event.test = test_id
        self.events.extend(events)
        return events

    def worker_output(self) -> list[dict]:
        return [event.to_json() for event in self.events]

    def merge_worker_output(self, data: list[dict]) -> None:
        self.events.extend(Event.from_json(item) for item in data)


def describe(event: Event) -> str:
    """One line: what happened and where."""
    where = f" at {event.location}" if event.location and str(event.location) not in event.message else ""
    return f"[{event.kind}] {event.message}{where}"


def failure_text(events: list[Event]) -> str:
    lines = []
    for event in events:
        lines.append(describe(event))
        lines.extend(f"    {frame}" for frame in event.stack)
    return "\n".join(lines)


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


def apply_outcome(reports: list[pytest.TestReport], events: list[Event],
                  settings: Settings) -> None:
    """Fail the test for the events whose mode is ``fail``.

    The failure goes on the call report (the setup report if the test never got
    to run). A test that already failed keeps its own error: ours is added as a
    ``loopsafe`` section, so a detector never hides the real failure.
    """
    failing = [event for event in events if mode_of(event, settings) == "fail"]
    if not failing or not reports:
        return
    text = "loopsafe: " + failure_text(failing)
    already_failed = next((r for r in reports if r.failed), None)
    if already_failed is not None:  # shown under that failure (setup, call or teardown)
        already_failed.sections.append(("loopsafe", text))
        return
    target = next((r for r in reports if r.when == "call"), reports[0])
    if target.skipped:
        target.sections.append(("loopsafe", text))
        return
    target.outcome = "failed"
    target.longrepr = text


def check_writable(path: Path | None) -> None:
    """Refuse, at start-up, a report path that cannot be written at the end."""
    if path is None:
        return
    parent = path.parent
    if path.is_dir():
        raise pytest.UsageError(f"loopsafe: --loopsafe-report {path}: is a directory")
    if not parent.is_dir():
        raise pytest.UsageError(f"loopsafe: --loopsafe-report {path}: "
                                f"directory {parent} does not exist")
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise pytest.UsageError(f"loopsafe: --loopsafe-report {path}: not writable")


def write_report(path: Path, events: list[Event]) -> None:
    """Write the JSON report; a failure names the path (``OSError`` with a message)."""
    data = {"version": REPORT_VERSION, "events": [event.to_json() for event in events]}
    try:
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise OSError(f"loopsafe: cannot write the report to {path}: {exc.strerror or exc}") from None


def _cell(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def summary_rows(events: list[Event]) -> list[tuple[str, str, str, str]]:
    """The summary table's rows: test, kind, where, what; one test's events together."""
    ordered = sorted(enumerate(events), key=lambda pair: (pair[1].test, pair[0]))
    rows, previous = [], None
    for _, event in ordered:
        test = event.test if event.test != previous else ""
        previous = event.test
        where = f"{event.location.path}:{event.location.line}" if event.location else "-"
        rows.append((test, event.kind, where, event.message))
    return rows


def write_summary(terminal, events: list[Event], report: Path | None) -> None:
    """The terminal summary: a short table of the events by test."""
    if not events:
        return
    tests = len({event.test for event in events})
    terminal.write_sep("=", f"loopsafe: {len(events)} event(s) in {tests} test(s)")
    rows = summary_rows(events)
    shown = rows[:SUMMARY_ROWS]
    headers = ("test", "kind", "where", "what")
    widths = [min(60, max(len(headers[i]), *(len(row[i]) for row in shown))) for i in range(3)]
    for row in (headers, *shown):
        cells = [_cell(row[i], widths[i]).ljust(widths[i]) for i in range(3)]
        terminal.write_line("  ".join(cells + [_cell(row[3], 120)]).rstrip())
    if len(rows) > len(shown):
        more = f"{len(rows) - len(shown)} more event(s)"
        terminal.write_line(f"... {more}" + (f": see {report}" if report
                                             else "; --loopsafe-report=PATH writes them all"))
    elif report:
        terminal.write_line(f"report: {report}")

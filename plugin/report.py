"""What the plugin's events do: the test's outcome, the terminal summary, the JSON report.

The events of a test decide the report of the phase in which they were found
(``judge``): in ``fail`` mode they fail it, in ``warn`` mode they only reach the
summary and the report. Under pytest-xdist the controller writes the one report
from every worker's spool (``spool``), naming any worker that died.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from .events import Event
from .options import Settings
from .sink import mode_of
from .spool import LostWorker

REPORT_VERSION = 1
SUMMARY_ROWS = 30  # the rest is in the JSON report


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


def judge(report: pytest.TestReport, events: list[Event], settings: Settings, *,
          earlier_failure: bool) -> None:
    """Let the events whose mode is ``fail`` decide ``report`` (one phase of the test).

    A phase that already failed keeps its own error, and so does the test when an
    earlier phase of it failed: ours is added as a ``loopsafe`` section (shown with
    that failure), so a detector never hides the real failure. A skipped test stays
    skipped, with the section.
    """
    failing = [event for event in events if mode_of(event, settings) == "fail"]
    if not failing:
        return
    text = "loopsafe: " + failure_text(failing)
    if report.failed or report.skipped or earlier_failure:
        # pytest shows a passing teardown's sections under the test's failure only when
        # their title names the teardown
        title = "loopsafe teardown" if report.when == "teardown" and report.passed else "loopsafe"
        report.sections.append((title, text))
        return
    report.outcome = "failed"
    report.longrepr = FailureText(text)


class _Crash:
    def __init__(self, message: str) -> None:
        self.message = message


class FailureText:
    """A failing phase's ``longrepr``: our text, shown as it is. pytest before 8.4 puts
    the message of a failure in the short test summary (``FAILED test - loopsafe: ...``)
    only from ``longrepr.reprcrash.message``, not from a plain string; pytest-xdist and
    later pytests read it as a string (``str``)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.reprcrash = _Crash(text)

    def toterminal(self, tw: Any) -> None:
        for line in self.text.splitlines():
            tw.line(line)

    def __str__(self) -> str:
        return self.text


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


def write_report(path: Path, events: list[Event], lost: list[LostWorker] = ()) -> None:
    """Write the JSON report; a failure names the path (``OSError`` with a message).
    ``lost``: the workers that died (``"lost"``: worker, pid, the test it was running)."""
    data: dict = {"version": REPORT_VERSION, "events": [event.to_json() for event in events]}
    if lost:
        data["lost"] = [worker.to_json() for worker in lost]
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


def write_summary(terminal, events: list[Event], report: Path | None,
                  lost: list[LostWorker] = ()) -> None:
    """The terminal summary: a short table of the events by test, and the workers lost."""
    for worker in lost:
        terminal.write_line(f"loopsafe: {worker.describe()}", yellow=True)
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

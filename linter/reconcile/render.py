"""Reconcile's output formats: text for people, JSON for programs, and SARIF and GitHub
annotations so that code scanning and pull requests show the runtime events beside
the static findings.

SARIF and annotations are written by the linter's own reporters, from one
``Diagnostic`` per event (rule id: the event's kind); reconcile then gives each
result the level its status deserves (a suppressed site is a note, not an error)
and the status, test and suggestion as properties.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from loopsafe.linter import rule_pages
from loopsafe.linter.diagnostics import Diagnostic
from loopsafe.linter.reporters import Report, github, render as render_report
from loopsafe.linter.reporters.json import diagnostic_to_dict
from loopsafe.linter.reporters.text import plural

from .classify import Reconciliation, Suggestion, Verdict
from .report import VERSION
from .sites import finding_site, line_text, shown_path

# SARIF's result level for each status (the annotations follow it)
LEVELS = {"confirmed": "error", "missed": "error", "suppressed": "note", "lag": "warning",
          "runtime-only": "warning"}
KIND_SUMMARIES = {
    "blocking-call": "a known blocking call held the event loop during a test",
    "loop-lag": "the event loop was held during a test, outside any known blocking call",
    "leaked-task": "a task was still pending when its loop ended",
    "leaked-thread": "a thread started by a test still ran after it",
    "leaked-process": "a child process started by a test was still alive after it",
    "leaked-loop": "an event loop created during a test was never closed",
    "unpicklable": "work sent to a process pool could not be pickled",
}
AUTOMATION_ID = "loopsafe/runtime/"
GUIDE_URL = f"{rule_pages.DOCS_URL}guides/ci/"


def toml_entry(entries: list[str]) -> str:
    return "blocking-calls = [" + ", ".join(json.dumps(e) for e in entries) + "]"


# --- JSON ----------------------------------------------------------------------------------------

def suggestion_to_dict(s: Suggestion) -> dict[str, Any]:
    return {"key": "blocking-calls", "entry": s.entry, "function": s.function,
            "frame": s.frame, "call_site": s.call_site.shown(), "verified": s.verified}


def verdict_to_dict(v: Verdict) -> dict[str, Any]:
    return {**v.event.raw, "status": v.status, "reason": v.reason,
            "suggestion": suggestion_to_dict(v.suggestion) if v.suggestion else None,
            "findings": [diagnostic_to_dict(d) for d in v.findings]}


def summary(result: Reconciliation) -> dict[str, Any]:
    return {"events": len(result.verdicts), **result.counts(), "files": result.files,
            "suggested": [s.entry for s in result.suggestions()]}


def render_json(result: Reconciliation) -> str:
    return json.dumps({"version": VERSION, "events": [verdict_to_dict(v) for v in result.verdicts],
                       "summary": summary(result)}, indent=2) + "\n"


# --- text ----------------------------------------------------------------------------------------

def summary_line(result: Reconciliation) -> str:
    counts = result.counts()
    parts = [f"{n} {status}" for status, n in counts.items() if n]
    line = (f"{plural(len(result.verdicts), 'runtime event')}"
            + (f": {', '.join(parts)}" if parts else "")
            + f" (the linter read {plural(result.files, 'file')}).")
    suggested = len(result.suggestions())
    if suggested == 1:
        line += " 1 blocking-calls entry suggested: --write-config adds it."
    elif suggested:
        line += f" {suggested} blocking-calls entries suggested: --write-config adds them."
    return line


def render_text(result: Reconciliation) -> str:
    lines = []
    for v in result.verdicts:
        where = f"{v.site.shown()}: " if v.site else ""
        test = f" in {v.event.test}" if v.event.test else ""
        lines.append(f"{where}{v.status} {v.event.kind}{test}")
        lines.append(f"    {v.event.message}")
        lines.append(f"    {v.reason}")
        if v.suggestion is not None:
            checked = "" if v.suggestion.verified else " (unverified)"
            lines.append(f"    suggestion{checked}: [tool.loopsafe] {toml_entry([v.suggestion.entry])}")
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


# --- SARIF and GitHub, through the linter's reporters -------------------------------------------------

@dataclass(frozen=True)
class RuntimeRule:
    """A runtime event kind, described as the SARIF reporter describes a rule."""

    code: str
    name: str
    summary: str
    doc: str
    fixable: bool = False


def _rule(kind: str) -> RuntimeRule:
    summary = KIND_SUMMARIES.get(kind, f"a runtime event of kind {kind}")
    return RuntimeRule(kind, kind, summary,
                       f"Seen by the loopsafe pytest plugin: {summary}. `loopsafe reconcile` says "
                       "whether the linter reports it (confirmed), cannot see it (missed, with a "
                       "`blocking-calls` entry to add) or is told not to (suppressed).")


def _message(v: Verdict) -> str:
    text = f"{v.status} at runtime: {v.event.message}"
    if v.event.test:
        text += f" (test {v.event.test})"
    text += f". {v.reason}"
    if v.suggestion is not None and v.suggestion.verified:
        text += f". Add to [tool.loopsafe]: {toml_entry([v.suggestion.entry])}"
    return text


def _diagnostic(v: Verdict) -> Diagnostic:
    """The event as a finding at its runtime location (the finding's span when the linter
    reports that very line); its user stack is the trace."""
    assert v.site is not None
    span = next(((d.line, d.column, d.end_line, d.end_column) for d in v.findings
                 if finding_site(d) == v.site), (v.site.line, 1, v.site.line, 1))
    return Diagnostic(v.event.kind, _message(v), shown_path(v.site.path), *span, trace=v.stack)


def _fingerprint(v: Verdict) -> str:
    """An event's identity for code scanning that survives lines moving and a status changing
    (a missed call confirmed once configured stays one alert): kind, file, call, line text."""
    assert v.site is not None
    text = line_text(v.site).strip()
    parts = (v.event.kind, shown_path(v.site.path), v.event.call or "", text)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def _located(result: Reconciliation) -> tuple[list[Verdict], Report]:
    """The events that have a place in the code (a SARIF result and an annotation need one)."""
    shown = [v for v in result.verdicts if v.site is not None]
    kinds = dict.fromkeys(v.event.kind for v in shown)
    diagnostics = [_diagnostic(v) for v in shown]
    fingerprints = {id(d): _fingerprint(v) for v, d in zip(shown, diagnostics)}
    return shown, Report(diagnostics, result.files, rules=[_rule(kind) for kind in kinds],
                         fingerprint=lambda d: fingerprints[id(d)])


def render_sarif(result: Reconciliation) -> str:
    shown, report = _located(result)
    document = json.loads(render_report("sarif", report))
    run = document["runs"][0]
    run["automationDetails"] = {"id": AUTOMATION_ID}
    for rule in run["tool"]["driver"]["rules"]:
        rule["helpUri"] = GUIDE_URL  # an event kind has no rule page: the guide explains them
    for verdict, sarif_result in zip(shown, run["results"]):
        sarif_result["level"] = LEVELS[verdict.status]
        properties = {"status": verdict.status, "test": verdict.event.test,
                      "linter": [d.code for d in verdict.findings]}
        if verdict.suggestion is not None:
            properties["suggestion"] = suggestion_to_dict(verdict.suggestion)
        sarif_result["properties"] = properties
    return json.dumps(document, indent=2) + "\n"


def render_github(result: Reconciliation) -> str:
    shown, report = _located(result)
    lines = render_report("github", report).splitlines()
    # the reporter writes one `::<command> file=...` line per finding, in order
    return "".join(f"::{github.COMMANDS[LEVELS[v.status]]} {line.split(' ', 1)[1]}\n"
                   for v, line in zip(shown, lines))


RENDERERS = {"text": render_text, "json": render_json, "sarif": render_sarif, "github": render_github}


def render(format_name: str, result: Reconciliation) -> str:
    return RENDERERS[format_name](result)

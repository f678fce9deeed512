"""Report formats: each module turns one ``Report`` into the text of its format.

The CLI picks a format by name from ``FORMAT_NAMES``; every reporter is a pure
function of the report, so the same run can be written in any format and
tests can compare exact output.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from loopsafe.linter.constants import FORMAT_NAMES
from loopsafe.linter.diagnostics import Diagnostic


@dataclass
class Report:
    """One run's outcome as the reporters see it."""

    diagnostics: Sequence[Diagnostic]
    files: int
    elapsed: float = 0.0
    # the elapsed time as printed, when not ``elapsed`` formatted: the warm run's record
    # holds the report with a placeholder there, filled in when it is replayed
    elapsed_text: str | None = None
    fixed: int = 0  # findings removed by --fix before this report
    baselined: int = 0  # findings hidden because the baseline records them
    rules: Sequence[Any] = field(default_factory=tuple)  # rule objects, for formats that describe them
    color: bool = False  # text: ANSI colours (the CLI decides: a terminal, NO_COLOR, FORCE_COLOR)
    quiet: bool = False  # text: the findings only, no summary line
    # a finding's identity that survives lines moving (the baseline's), for SARIF's dedup
    fingerprint: Callable[[Diagnostic], str] | None = None


__all__ = ["FORMAT_NAMES", "Report", "level", "render"]


# Confidences below "likely" are shown as notes; "certain" (or none given) is an error.
LOW_CONFIDENCE = frozenset({"possible", "low", "unlikely"})


def level(diagnostic: Diagnostic) -> str:
    """``error``, ``warning`` or ``note`` (SARIF's names) from the finding's ``confidence``,
    when the engine gives one: a finding only reached through a branch the caller may
    not take should not fail a code-scanning gate the way a direct call does."""
    confidence = getattr(diagnostic, "confidence", None)
    if confidence is None or confidence == "certain":
        return "error"
    return "note" if confidence in LOW_CONFIDENCE else "warning"


def render(format_name: str, report: Report) -> str:
    """The report in ``format_name`` (one of ``FORMAT_NAMES``)."""
    if format_name not in FORMAT_NAMES:
        raise ValueError(f"unknown report format {format_name!r}")
    return importlib.import_module(f"{__name__}.{format_name}").render(report)

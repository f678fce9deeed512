"""What the linter reports: one finding at one place, in the shape of the JSON report."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

# How sure a finding is: defined where the command line reads them without loading this
from .constants import CONFIDENCES, DEFAULT_MIN_CONFIDENCE

__all__ = ["CONFIDENCES", "DEFAULT_MIN_CONFIDENCE", "Diagnostic", "Edit", "Fix", "display_path"]


@dataclass(frozen=True)
class Edit:
    """Replace the text between two 1-based positions with ``content``."""

    line: int
    column: int
    end_line: int
    end_column: int
    content: str


@dataclass(frozen=True)
class Fix:
    message: str
    edits: tuple[Edit, ...]


@dataclass
class Diagnostic:
    code: str
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    fix: Fix | None = None
    trace: list[str] = field(default_factory=list)
    confidence: str | None = None  # certain, likely or possible (analysis/reach.py); None: not graded
    root: str | None = None  # "path:line call()": the blocking call a trace ends in

    def sure_enough(self, least: str) -> bool:
        """At least as sure as ``least``; a finding without a confidence always is."""
        return self.confidence is None or CONFIDENCES.index(self.confidence) <= CONFIDENCES.index(least)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code)


def display_path(path: str) -> str:
    """Relative to the working directory when under it, as users type paths."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith("..") else relative

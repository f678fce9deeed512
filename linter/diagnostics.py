"""What the linter reports: one finding at one place, in the shape of the JSON report."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


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

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code)


def display_path(path: str) -> str:
    """Relative to the working directory when under it, as users type paths."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith("..") else relative

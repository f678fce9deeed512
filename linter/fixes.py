"""Applying the engine's fixes to source text, and showing them as a diff.

A fix is a set of edits that only makes sense whole, so a fix is applied
entirely or not at all: one that overlaps a fix already taken in the same pass
(or whose positions fall outside the text) is left for the next pass, when the
engine has re-read the changed file and can offer it again at its new place.
Positions are 1-based lines and code-point columns, as in ``Diagnostic``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from itertools import accumulate
from typing import Iterable, Sequence

from loopsafe.linter.diagnostics import Diagnostic, Fix


class _Offsets:
    """Turns (line, column) into an index into the text."""

    def __init__(self, text: str):
        self.size = len(text)
        lines = text.splitlines(keepends=True)
        self.starts = [0, *accumulate(len(line) for line in lines)]

    def __call__(self, line: int, column: int) -> int | None:
        if not 1 <= line <= len(self.starts) or column < 1:
            return None
        offset = self.starts[line - 1] + column - 1
        line_end = self.starts[line] if line < len(self.starts) else self.size
        return offset if offset <= line_end else None


def _spans(fix: Fix, offsets: _Offsets) -> list[tuple[int, int, str]] | None:
    """The fix's edits as (start, end, content), or None if one is out of range or they overlap."""
    spans = []
    for edit in fix.edits:
        start, end = offsets(edit.line, edit.column), offsets(edit.end_line, edit.end_column)
        if start is None or end is None or end < start:
            return None
        spans.append((start, end, edit.content))
    if any(_overlaps(span, spans[:i]) for i, span in enumerate(spans)):
        return None
    return spans


def _overlaps(span: tuple[int, int, str], taken: Iterable[tuple[int, int, str]]) -> bool:
    # Edits that share a start are ambiguous too: two insertions at one point could go
    # in either order.
    return any(span[0] < t[1] and t[0] < span[1] or span[0] == t[0] for t in taken)


def apply_fixes(text: str, fixes: Sequence[Fix]) -> tuple[str, int]:
    """``text`` with every fix that fits applied, and how many were applied."""
    offsets = _Offsets(text)
    taken: list[tuple[int, int, str]] = []
    applied = 0
    for fix in fixes:
        spans = _spans(fix, offsets)
        if spans is None or any(_overlaps(s, taken) for s in spans):
            continue
        taken.extend(spans)
        applied += 1
    for start, end, content in sorted(taken, reverse=True):
        text = text[:start] + content + text[end:]
    return text, applied


@dataclass
class FileFix:
    path: str
    before: str
    after: str
    applied: int


def plan(diagnostics: Sequence[Diagnostic], text_of) -> list[FileFix]:
    """The changed text of each file that has fixable findings, in path order.

    ``text_of(path)`` gives a file's current text (a ``SourceCache.text``).
    """
    by_path: dict[str, list[Fix]] = {}
    for d in diagnostics:
        if d.fix is not None:
            by_path.setdefault(d.path, []).append(d.fix)
    changes = []
    for path in sorted(by_path):
        before = text_of(path)
        after, applied = apply_fixes(before, by_path[path])
        if applied and after != before:
            changes.append(FileFix(path, before, after, applied))
    return changes


def unified_diff(change: FileFix) -> str:
    """The change as a unified diff, with ``a/`` and ``b/`` names as git shows them."""
    lines = difflib.unified_diff(change.before.splitlines(keepends=True),
                                 change.after.splitlines(keepends=True),
                                 fromfile=f"a/{change.path}", tofile=f"b/{change.path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)

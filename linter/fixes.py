"""Applying the engine's fixes to source text, and showing them as a diff.

A fix is a set of edits that only makes sense whole, so a fix is applied
entirely or not at all: one that overlaps a fix already taken in the same pass
(or whose positions fall outside the text) is left for the next pass, when the
engine has re-read the changed file and can offer it again at its new place.
Positions are 1-based lines (as the tokenizer counts them: ``sources.LineIndex``) and
code-point columns, as in ``Diagnostic``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable, Sequence

from .diagnostics import Diagnostic, Fix
from .sources import LineIndex, split_lines


def _spans(fix: Fix, index: LineIndex) -> list[tuple[int, int, str]] | None:
    """The fix's edits as (start, end, content), or None if one is out of range or they overlap."""
    spans = []
    for edit in fix.edits:
        start, end = index.offset(edit.line, edit.column), index.offset(edit.end_line, edit.end_column)
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
    index = LineIndex(text)
    taken: list[tuple[int, int, str]] = []
    applied = 0
    for fix in fixes:
        spans = _spans(fix, index)
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
    lines = difflib.unified_diff(split_lines(change.before, keepends=True),
                                 split_lines(change.after, keepends=True),
                                 fromfile=f"a/{change.path}", tofile=f"b/{change.path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)

"""Applying the engine's fixes to source text, and showing them as a diff.

A fix is a set of edits that only makes sense whole, so a fix is applied
entirely or not at all: one that overlaps a fix already taken in the same pass
(or whose positions fall outside the text) is left for the next pass, when the
engine has re-read the changed file and can offer it again at its new place.
Positions are 1-based lines (as the tokenizer counts them: ``sources.LineIndex``) and
code-point columns, as in ``Diagnostic``.
"""

from __future__ import annotations

import ast
import difflib
from dataclasses import dataclass
from typing import Iterable, Sequence

from .diagnostics import Diagnostic, Edit, Fix
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
    # in either order. The same edit twice is one edit: two fixes that each add
    # `import asyncio` at the same place can both be taken.
    return any(span != t and (span[0] < t[1] and t[0] < span[1] or span[0] == t[0]) for t in taken)


def apply_fixes(text: str, fixes: Sequence[Fix]) -> tuple[str, int]:
    """``text`` with every fix that fits applied, and how many were applied."""
    index = LineIndex(text)
    taken: list[tuple[int, int, str]] = []
    applied = 0
    for fix in fixes:
        spans = _spans(fix, index)
        if spans is None or any(_overlaps(s, taken) for s in spans):
            continue
        taken.extend(s for s in spans if s not in taken)
        applied += 1
    for start, end, content in sorted(taken, reverse=True):
        text = text[:start] + content + text[end:]
    return text, applied


def import_edit(text: str, statement: str) -> Edit | None:
    """The edit that adds ``statement`` (``import asyncio``) to a module that lacks it: in
    the leading imports (after the docstring and ``__future__`` imports), before the first
    one that sorts after it, as isort would place a standard-library module; after them
    when none does; before the first statement when there are none (a shebang and the
    comments above it stay first). None when the text is not valid Python."""
    try:
        body = ast.parse(text).body
    except (SyntaxError, ValueError):
        return None
    start = 0
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        start = 1
    while start < len(body) and isinstance(body[start], ast.ImportFrom) and body[start].module == "__future__":
        start += 1
    end = start
    while end < len(body) and isinstance(body[end], (ast.Import, ast.ImportFrom)):
        end += 1
    key = _import_key(ast.parse(statement).body[0])
    newline = "\r\n" if "\r\n" in text else "\r" if "\r" in text else "\n"
    before = next((s for s in body[start:end] if _import_key(s) > key), None)
    if before is None and not end and body:
        before = body[0]
    if before is not None:
        line = min(getattr(d, "lineno", before.lineno) for d in [before, *getattr(before, "decorator_list", ())])
        return Edit(line, 1, line, 1, statement + newline)
    # after the last import: the coroutine being fixed comes later, so that line exists
    line = body[end - 1].end_lineno + 1 if end else 1
    return Edit(line, 1, line, 1, statement + newline) if LineIndex(text).offset(line, 1) is not None else None


def _import_key(node: ast.stmt) -> tuple[bool, str]:
    """What an import sorts by: its first module; relative imports after the others, in
    a section of their own as isort keeps them."""
    if isinstance(node, ast.ImportFrom) and node.level:
        return True, ""
    first = node.names[0].name if isinstance(node, ast.Import) else getattr(node, "module", None)
    return False, (first or "").lower()


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

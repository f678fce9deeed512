"""The default format: one ``path:line:col: CODE message`` line per finding, as ruff and
flake8 print them (editors and terminals make those clickable), the call path of a
finding reached through helpers indented below it, and a closing line with the count,
the number of files and the time taken.
"""

from __future__ import annotations

from loopsafe.linter.constants import ELAPSED
from loopsafe.linter.diagnostics import Diagnostic
from loopsafe.linter.reporters import Report

FIXABLE_MARK = "[*] "
# ANSI styles, as ruff colours its output: bold path, cyan separators, bold red code
_STYLES = {"path": "1", "sep": "36", "code": "1;31", "fix": "36", "trace": "2"}


def paint(text: str, style: str, on: bool) -> str:
    return f"\x1b[{_STYLES[style]}m{text}\x1b[0m" if on else text


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(report: Report) -> str:
    found = len(report.diagnostics)
    elapsed = report.elapsed_text if report.elapsed_text is not None else ELAPSED.format(report.elapsed)
    where = f"in {plural(report.files, 'file')} ({elapsed}s)"
    line = f"Found {plural(found, 'finding')} {where}." if found else f"No findings {where}."
    fixable = sum(d.fix is not None for d in report.diagnostics)
    if report.fixed:
        line += f" Fixed {plural(report.fixed, 'finding')}."
    if report.baselined:
        line += f" {plural(report.baselined, 'known finding')} hidden by the baseline."
    if fixable:
        line += f" {FIXABLE_MARK}{fixable} fixable with --fix."
    return line


def _grouped(diagnostics: list[Diagnostic]) -> list[tuple[str | None, list[Diagnostic]]]:
    """Findings that end in the same blocking call (``root``) together, under it, where
    the first of them stands: one conditional ``open()`` reads as one problem with N
    entry points. A root with one finding is not a group."""
    by_root: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        if d.root:
            by_root.setdefault(d.root, []).append(d)
    groups: list[tuple[str | None, list[Diagnostic]]] = []
    for d in diagnostics:
        shared = by_root.get(d.root or "", [])
        if len(shared) < 2:
            groups.append((None, [d]))
        elif shared[0] is d:
            groups.append((d.root, shared))
    return groups


def render(report: Report) -> str:
    on = report.color
    sep = paint(":", "sep", on)
    lines = []
    for root, members in _grouped(report.diagnostics):
        if root is not None:
            lines.append(f"{root}: blocks the event loop for {plural(len(members), 'finding')}:")
        for d in members:
            mark = paint(FIXABLE_MARK, "fix", on) if d.fix is not None else ""
            lines.append(f"{paint(d.path, 'path', on)}{sep}{d.line}{sep}{d.column}{sep} "
                         f"{paint(d.code, 'code', on)} {mark}{d.message}")
            lines.extend(paint(f"    {step}", "trace", on) for step in d.trace)
    if not report.quiet:
        lines.append(summary_line(report))
    return "".join(line + "\n" for line in lines)

"""Positions of nodes, computed only for the files that report something.

libcst's ``PositionProvider`` regenerates the whole file's code and visits it
again: on the standard library that cost more than all the analysis. Nearly
everything a rule reports is a call (or the callee of one, for a fix), and
Python's own ``ast`` knows where every call is at C speed. Calls appear in the
same order in both trees — our walk visits them in source order, and ``ast``'s
are sorted by where they start (an outer call before the inner call it starts
with) — so the k-th call of one is the k-th of the other. Where that cannot be
relied on (a different number of calls, syntax ``ast`` cannot read, a reported
node that is not a call) the file falls back to ``PositionProvider``.
"""

from __future__ import annotations

import ast
from typing import Iterable

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from .traversal import iter_nodes

# 1-based line and column of start and end, as the JSON report has them
Span = tuple[int, int, int, int]

def locate(module: cst.Module, indices: Iterable[int], source: bytes, lines: list[str]) -> dict[int, Span]:
    wanted = set(indices)
    if not wanted:
        return {}
    found = _from_ast(module, wanted, source, lines)
    if found is not None:
        return found
    try:
        return _from_libcst(module, wanted)
    except RecursionError:
        # deeper than even the raised limit: report at the top of the file rather than lose it
        return {index: (1, 1, 1, 1) for index in wanted}


def _from_ast(module: cst.Module, wanted: set[int], source: bytes, lines: list[str]) -> dict[int, Span] | None:
    # which wanted node is the k-th call, or the callee of the k-th call
    calls: dict[int, tuple[int, bool]] = {}
    rank = 0
    previous_call: int | None = None
    for index, node in iter_nodes(module):
        if type(node) is cst.Call:
            if index in wanted:
                calls[index] = (rank, False)
            previous_call = index
            rank += 1
        elif index in wanted:
            if previous_call is None or index != previous_call + 1:
                return None  # not a call nor a callee: libcst must place it
            calls[index] = (rank - 1, True)
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):  # newer syntax than this Python reads
        return None
    ordered = sorted((n for n in ast.walk(tree) if isinstance(n, ast.Call)),
                     key=lambda n: (n.lineno, n.col_offset, -n.end_lineno, -n.end_col_offset))
    if len(ordered) != rank:
        return None
    found: dict[int, Span] = {}
    for index, (position, is_callee) in calls.items():
        node = ordered[position].func if is_callee else ordered[position]
        found[index] = (node.lineno, _column(lines, node.lineno, node.col_offset) + 1,
                        node.end_lineno, _column(lines, node.end_lineno, node.end_col_offset) + 1)
    return found


def _column(lines: list[str], line: int, byte_offset: int) -> int:
    """``ast`` counts columns in UTF-8 bytes, libcst and editors in characters."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if text.isascii():
        return byte_offset
    return len(text.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore"))


def _from_libcst(module: cst.Module, wanted: set[int]) -> dict[int, Span]:
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    positions = wrapper.resolve(PositionProvider)
    found: dict[int, Span] = {}
    last = max(wanted)
    for index, node in iter_nodes(module):
        if index in wanted:
            code_range = positions.get(node)
            if code_range is not None:
                start, end = code_range.start, code_range.end
                found[index] = (start.line, start.column + 1, end.line, end.column + 1)
        if index >= last:
            break
    return found

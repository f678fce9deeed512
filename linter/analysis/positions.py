"""Positions of nodes, computed only for the files that report something.

libcst's ``PositionProvider`` re-generates the whole file's code to count lines
and costs more than parsing it; most files of a run report nothing, so the
per-file pass records node indices and this module turns the few that are
reported into line and column, in a second parse of just those files.
"""

from __future__ import annotations

from typing import Iterable

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from .traversal import iter_nodes

# 1-based line and column of start and end, as the JSON report has them
Span = tuple[int, int, int, int]


def locate(module: cst.Module, indices: Iterable[int]) -> dict[int, Span]:
    wanted = set(indices)
    if not wanted:
        return {}
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

"""Where nodes are, in the report's terms, straight from the ``ast`` tree.

The per-file pass stores the span of every node a finding, a trace or a fix can name
(calls, their callees, held locks, the file rules' findings) in ``FileFacts.spans``: no
second parse of a reported file. ``ast`` counts columns in UTF-8 bytes of the decoded
text; the report counts code points, as editors do, so non-ASCII lines are converted.
"""

from __future__ import annotations

import ast
import re
import zlib
from array import array
from functools import cached_property
from typing import Iterable

from ..sources import decode, split_lines

# 1-based line and column of start and end, as the JSON report has them
Span = tuple[int, int, int, int]

_NEWLINE = re.compile(rb"\r\n|\r|\n")
_FIELDS = 5  # node index, line, column, end line, end column


class SourceText:
    """One parsed file's lines as ``ast`` counts them: UTF-8 bytes per line."""

    def __init__(self, source: bytes):
        self.source = source
        self.ascii = source.isascii()

    @cached_property
    def lines(self) -> list[bytes]:
        if self.ascii:
            return _NEWLINE.split(self.source)
        return [line.encode("utf-8") for line in split_lines(decode(self.source)[0])]

    def column(self, line: int, byte_offset: int) -> int:
        """The 0-based code-point column of a byte offset."""
        if self.ascii:
            return byte_offset
        lines = self.lines
        text = lines[line - 1] if 0 < line <= len(lines) else b""
        if text.isascii():
            return byte_offset
        return len(text[:byte_offset].decode("utf-8", errors="ignore"))

    def span(self, node: ast.AST) -> Span:
        return (node.lineno, self.column(node.lineno, node.col_offset) + 1,
                node.end_lineno, self.column(node.end_lineno, node.end_col_offset) + 1)

    def segment(self, node: ast.AST) -> str:
        """The source text of a node, as written."""
        lines = self.lines
        first, last = node.lineno - 1, node.end_lineno - 1
        if first == last:
            text = lines[first][node.col_offset:node.end_col_offset]
        else:
            text = b"\n".join([lines[first][node.col_offset:], *lines[first + 1:last],
                               lines[last][:node.end_col_offset]])
        return text.decode("utf-8", errors="replace")


def pack(nodes: list, wanted: Iterable[int], text: SourceText) -> bytes:
    """The spans of the wanted node indices, flat (five ints per node), compressed: a third
    of the size, and a run needs those of only the few files it reports on."""
    packed = array("i")
    for index in sorted(set(wanted)):
        packed.extend((index, *text.span(nodes[index])))
    return zlib.compress(packed.tobytes(), 1)


def locate(spans: bytes, wanted: Iterable[int]) -> dict[int, Span]:
    """The spans of ``wanted`` among a file's packed spans."""
    wanted = set(wanted)
    found: dict[int, Span] = {}
    flat = array("i", zlib.decompress(spans)) if spans else array("i")
    for start in range(0, len(flat), _FIELDS):
        if flat[start] in wanted:
            found[flat[start]] = tuple(flat[start + 1:start + _FIELDS])
    return found

"""Source files as Python reads them: bytes, encoding, text, and lines as the tokenizer counts them.

Every reader of source text goes through ``SourceFile``: the engine (positions, ``# noqa``),
baselines (the text of a finding's line) and fixes (line and column to offset). One reader
means one idea of what a line is: Python ends lines at ``\\r\\n``, ``\\r`` and ``\\n`` only,
where ``str.splitlines`` also breaks at form feeds, ``\\x1c``-``\\x1e``, ``\\x85``, U+2028
and U+2029. With two readers a form feed in a comment shifted every later line of a fix.

``SourceCache`` keeps the files of one run: a file is decoded once, a fixed file is written
back in its own encoding with its own line endings, and the text read from stdin stands in
for its ``--stdin-filename``.
"""

from __future__ import annotations

import io
import re
import tokenize
from bisect import bisect_right
from functools import cached_property
from pathlib import Path

from .settings import UsageError

_NEWLINE = re.compile(r"\r\n|\r|\n")


def decode(source: bytes) -> tuple[str, str]:
    """Source bytes as text and the encoding used: a PEP 263 coding line or a BOM, else
    UTF-8 (a BOM is not part of the text).

    Undecodable bytes are replaced rather than raised: such a file is already an
    LS001 finding and must not stop the run.
    """
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
        text = source.decode(encoding, errors="replace")
    except (SyntaxError, LookupError):
        encoding, text = "utf-8", source.decode("utf-8", errors="replace")
    return text.removeprefix("\ufeff"), encoding


def split_lines(text: str, keepends: bool = False) -> list[str]:
    """``text`` cut into lines where Python's tokenizer ends them."""
    if not keepends:
        return _NEWLINE.split(text)
    starts = line_starts(text)
    ends = [*starts[1:], len(text)]
    return [text[start:end] for start, end in zip(starts, ends) if end > start]


def line_starts(text: str) -> list[int]:
    """The offset in ``text`` where each line starts, as the tokenizer counts lines."""
    return [0, *(match.end() for match in _NEWLINE.finditer(text))]


class LineIndex:
    """(line, column) <-> offset in one text: 1-based lines as the tokenizer counts them,
    1-based character columns, as in ``Diagnostic``."""

    def __init__(self, text: str):
        self.size = len(text)
        self.starts = line_starts(text)

    def offset(self, line: int, column: int) -> int | None:
        """The index of (line, column), or None when it is not in the text (a column
        may point just past the line's end, where an insertion goes)."""
        starts = self.starts
        if not 1 <= line <= len(starts) or column < 1:
            return None
        offset = starts[line - 1] + column - 1
        line_end = starts[line] if line < len(starts) else self.size
        return offset if offset <= line_end else None

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of an index into the text."""
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


class SourceFile:
    """One file's bytes, encoding, text and lines."""

    def __init__(self, path: str, data: bytes):
        self.path = path
        self.data = data
        self.text, self.encoding = decode(data)

    @classmethod
    def read(cls, path: str) -> "SourceFile":
        """The file at ``path``; OSError when it cannot be read."""
        with open(path, "rb") as handle:
            return cls(path, handle.read())

    @cached_property
    def lines(self) -> list[str]:
        """The lines without their ends."""
        return split_lines(self.text)

    @cached_property
    def index(self) -> LineIndex:
        return LineIndex(self.text)

    def line(self, lineno: int) -> str:
        """Line ``lineno`` (1-based) without its end, or "" past the end."""
        return self.lines[lineno - 1] if 0 < lineno <= len(self.lines) else ""

    def encode(self, text: str) -> bytes:
        """``text`` in this file's encoding (a BOM again where the file had one)."""
        return text.encode(self.encoding)


class SourceCache:
    """The files of one run by path; a path that cannot be read has empty text (it is an LS001)."""

    def __init__(self) -> None:
        self._files: dict[str, SourceFile] = {}

    def put(self, path: str, source: bytes) -> None:
        """Use ``source`` as the file's content (stdin, or text just written)."""
        self._files[path] = SourceFile(path, source)

    def file(self, path: str) -> SourceFile:
        if path not in self._files:
            try:
                self._files[path] = SourceFile.read(path)
            except OSError:
                self._files[path] = SourceFile(path, b"")
        return self._files[path]

    def text(self, path: str) -> str:
        return self.file(path).text

    def line(self, path: str, lineno: int) -> str:
        """Line ``lineno`` (1-based) without its end of line, or "" past the end."""
        return self.file(path).line(lineno)

    def encode(self, path: str, text: str) -> bytes:
        """``text`` in the encoding ``path`` was read with."""
        return self.file(path).encode(text)

    def write(self, path: str, text: str) -> None:
        """Write a file's new text back in its encoding, and remember it."""
        data = self.encode(path, text)
        try:
            Path(path).write_bytes(data)
        except OSError as exc:
            raise UsageError(f"{path}: cannot write the fixed file: {exc.strerror or exc}") from None
        self._files[path] = SourceFile(path, data)

"""The source text of reported files, read once and decoded as Python decodes them.

Baselines fingerprint the text of a finding's line and ``--fix`` rewrites
files; both go through one cache so a file is decoded once per run, a fixed
file is written back in its own encoding with its own line endings, and the
text read from stdin stands in for its ``--stdin-filename``.
"""

from __future__ import annotations

import io
import tokenize
from pathlib import Path

from loopsafe.linter.settings import UsageError


def decode(source: bytes) -> tuple[str, str]:
    """Source bytes as text and the encoding used: a PEP 263 coding line, else UTF-8.

    Undecodable bytes are replaced rather than raised: such a file is already an
    LS001 finding and must not stop the run.
    """
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
        text = source.decode(encoding, errors="replace")
    except (SyntaxError, LookupError):
        encoding, text = "utf-8", source.decode("utf-8", errors="replace")
    return text, encoding


class SourceCache:
    """Text of files by path; a path that cannot be read has empty text (it is an LS001)."""

    def __init__(self) -> None:
        self._texts: dict[str, tuple[str, str]] = {}

    def put(self, path: str, source: bytes) -> None:
        """Use ``source`` as the file's content (stdin, or text just written)."""
        self._texts[path] = decode(source)

    def text(self, path: str) -> str:
        if path not in self._texts:
            try:
                self.put(path, Path(path).read_bytes())
            except OSError:
                self._texts[path] = ("", "utf-8")
        return self._texts[path][0]

    def line(self, path: str, lineno: int) -> str:
        """Line ``lineno`` (1-based) without its end of line, or "" past the end."""
        lines = self.text(path).splitlines()
        return lines[lineno - 1] if 0 < lineno <= len(lines) else ""

    def encode(self, path: str, text: str) -> bytes:
        """``text`` in the encoding ``path`` was read with."""
        self.text(path)
        return text.encode(self._texts[path][1])

    def write(self, path: str, text: str) -> None:
        """Write a file's new text back in its encoding, and remember it."""
        data = self.encode(path, text)
        try:
            Path(path).write_bytes(data)
        except OSError as exc:
            raise UsageError(f"{path}: cannot write the fixed file: {exc.strerror or exc}") from None
        self._texts[path] = (text, self._texts[path][1])

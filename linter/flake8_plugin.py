"""The flake8 adapter: ``flake8 --select=LS`` reports what ``loopsafe check`` reports per file.

flake8 hands a plugin one file at a time, so findings that need the whole
project (a coroutine calling a blocking helper defined in another module) are
out of its reach; everything found within the file is the same, because this
adapter runs the same engine on the same text with the same ``[tool.loopsafe]``
settings, found from the file's folder upwards. A file that ``exclude`` or
``extend-exclude`` names is skipped, as a walk by ``loopsafe check`` skips it:
flake8 passes every file it finds, and its own ``--exclude`` knows nothing of ours.
"""

from __future__ import annotations

import io
import tokenize
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from . import __version__, config
from .settings import Settings, UsageError


@lru_cache(maxsize=64)
def _settings(folder: str) -> Settings:
    # flake8 runs files in parallel worker processes: the engine's cache stays off so
    # they never race on it.
    return config.resolve(Path(folder), config.Overrides(cache=False))


def _encode(lines: list[str]) -> bytes:
    """The file's bytes again, in the encoding its coding line (if any) declares."""
    head = "".join(lines[:2]).encode("utf-8", errors="replace")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(head).readline)
    except SyntaxError:
        encoding = "utf-8"
    return "".join(lines).encode(encoding, errors="replace")


class LoopsafeFlake8:
    """A flake8 "tree" plugin; the tree is unused (the engine reads and parses the file itself, with its own error handling)."""

    name = "loopsafe"
    version = __version__

    def __init__(self, tree: object, filename: str, lines: list[str]):
        self.filename = filename
        self.lines = lines

    def run(self) -> Iterator[tuple[int, int, str, type]]:
        from flake8.exceptions import ExecutionError

        from .engine import lint_source

        path = Path(self.filename)
        folder = path.parent if path.is_file() else Path.cwd()
        try:
            settings = _settings(str(folder.absolute()))
        except UsageError as exc:
            # flake8 prints this as "a critical error" with our message, not a traceback
            raise ExecutionError(str(exc)) from None
        if settings.excluded(path):
            return
        for d in lint_source(_encode(self.lines), self.filename, settings):
            # flake8 counts columns from 0 and adds 1 when printing.
            yield d.line, d.column - 1, f"{d.code} {d.message}", type(self)

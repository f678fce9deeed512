"""Caches keyed by what their content depends on: per-file facts, and whole results.

The per-file pass is most of a run's cost and its result depends only on the
file's bytes, its path and module name, and the linter's own code; a re-run
over an unchanged tree reads pickles instead of parsing.

A run whose files, settings and linter are all unchanged needs no analysis at all:
``ResultCache`` keeps the diagnostics of the last run of each set of paths, checked
against each file's size and modification time (and its content hash when those
changed), before anything heavy (libcst, the rules) is imported.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

from . import stamps
from .diagnostics import Diagnostic
from .stamps import Stamps

if TYPE_CHECKING:
    from .analysis.facts import FileFacts


def code_fingerprint() -> str:
    """Changes whenever the linter's own code does (version bumps are not enough
    for an editable install)."""
    return hashlib.sha256(repr(stamps.code()).encode()).hexdigest()[:16]


def _write(directory: Path, folder: Path, name: str, value: object) -> bool:
    """Pickle ``value`` into ``folder/name`` under the cache ``directory``; False when it
    cannot be written (a read-only tree)."""
    return store(directory, folder, name, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def store(directory: Path, folder: Path, name: str, data: bytes) -> bool:
    """Write ``data`` to ``folder/name``: write then rename, so a reader never sees half a file."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        marker = directory / ".gitignore"
        if not marker.exists():
            marker.write_text("# created by loopsafe\n*\n")
        import tempfile  # only a run that writes pays for it (and for random, shutil)

        fd, tmp = tempfile.mkstemp(dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, folder / name)
        return True
    except OSError:
        return False


_UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError)


def _read(path: Path):
    """What ``_write`` stored there, or None (missing, truncated, from another version)."""
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except _UNREADABLE:
        return None


class FactsCache:
    """Each file's facts (``codec``-encoded), keyed by its bytes, path, module name and the
    linter's code."""

    def __init__(self, directory: Path | None, fingerprint: str):
        self.directory = directory
        self.fingerprint = fingerprint

    def key(self, path: str, module: str, source: bytes) -> str:
        digest = hashlib.sha256(f"{self.fingerprint}\0{path}\0{module}\0".encode())
        digest.update(source)
        return digest.hexdigest()

    def get(self, key: str) -> FileFacts | None:
        """The facts stored under ``key``; None when there are none or they cannot be read
        (truncated, or written in another format)."""
        if self.directory is None:
            return None
        from .analysis import codec

        try:
            with open(self.directory / key[:2] / key, "rb") as handle:
                return codec.decode(handle.read())
        except _UNREADABLE:
            return None

    def put(self, key: str, encoded: bytes) -> None:
        """Store facts as ``codec.encode`` gave them."""
        if self.directory is not None and not store(self.directory, self.directory / key[:2], key, encoded):
            self.directory = None  # a read-only tree: run on without a cache


class ResultCache:
    """The diagnostics of the last run over one set of files, with one set of settings
    and one version of the linter, and the stamp of every file they came from.

    ``get`` answers only when every file is unchanged: same size and modification time,
    or, when those moved (a checkout, a touch), the same content hash. ``key_parts`` are
    whatever else the result depends on (the settings, the working directory, which files
    are reported and which are context)."""

    def __init__(self, directory: Path | None, fingerprint: str, key_parts: tuple):
        self.directory = directory
        digest = hashlib.sha256(repr((fingerprint, key_parts)).encode())
        self.name = digest.hexdigest()

    def get(self, files: list[str]) -> tuple[list[Diagnostic], int, Stamps] | None:
        """The diagnostics, the number of files reported, and the files' stamps."""
        if self.directory is None:
            return None
        stored = _read(self.directory / "results" / self.name)
        if not isinstance(stored, tuple) or len(stored) != 3:
            return None
        files_stamps, diagnostics, count = stored
        if list(files_stamps) != files:
            return None
        unchanged, moved = stamps.check(files_stamps)
        if not unchanged:
            return None
        if moved:  # same content, new times: next time the stat alone answers
            _write(self.directory, self.directory / "results", self.name, stored)
        return diagnostics, count, files_stamps

    def put(self, files_stamps: Stamps | None, diagnostics: list[Diagnostic], count: int) -> None:
        if self.directory is not None and files_stamps is not None:
            _write(self.directory, self.directory / "results", self.name, (files_stamps, diagnostics, count))

"""A cache of per-file facts, keyed by what the facts depend on.

The per-file pass is most of a run's cost and its result depends only on the
file's bytes, its path and module name, and the linter's own code; a re-run
over an unchanged tree reads pickles instead of parsing.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from .analysis.facts import FileFacts


def code_fingerprint() -> str:
    """Changes whenever the linter's own code does (version bumps are not enough
    for an editable install)."""
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


class FactsCache:
    def __init__(self, directory: Path | None, fingerprint: str):
        self.directory = directory
        self.fingerprint = fingerprint

    def key(self, path: str, module: str, source: bytes) -> str:
        digest = hashlib.sha256(f"{self.fingerprint}\0{path}\0{module}\0".encode())
        digest.update(source)
        return digest.hexdigest()

    def get(self, key: str) -> FileFacts | None:
        if self.directory is None:
            return None
        try:
            with open(self.directory / key[:2] / key, "rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def put(self, key: str, facts: FileFacts) -> None:
        if self.directory is None:
            return
        folder = self.directory / key[:2]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            marker = self.directory / ".gitignore"
            if not marker.exists():
                marker.write_text("# created by loopsafe\n*\n")
            # write then rename, so a reader never sees half a file
            fd, tmp = tempfile.mkstemp(dir=folder)
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(facts, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / key)
        except OSError:
            self.directory = None  # a read-only tree: run on without a cache

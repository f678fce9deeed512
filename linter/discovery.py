"""Which files a run reads: the Python files under the given paths, minus the noise.

A file named on the command line is read whatever its suffix and even if an
``exclude`` pattern matches it (as in ruff: the user asked for that file), unless
``force-exclude`` is on: then it is read only if a walk of the project would
read it, which is what a pre-commit hook wants (it passes every staged name).
Inside folders only ``*.py`` files are taken, files git ignores are left out
(``respect-gitignore``), and folders that never hold the project's own code
(virtualenvs, caches, build output, hidden folders) are not entered, so
``loopsafe check .`` on a working tree does not wander into ``.venv``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator, Sequence

from loopsafe.linter import gitignore
from loopsafe.linter.settings import Settings, UsageError

# Folder names skipped inside a walk (hidden folders are skipped as well).
NOISE_DIRS = frozenset({
    "__pycache__", "node_modules", "venv", "build", "dist", "site-packages",
    "__pypackages__", "_build", "buck-out",
})


class PathNotFoundError(UsageError):
    """A path given to the linter does not exist."""

    def __init__(self, path: str | Path):
        super().__init__(f"{path}: no such file or directory")
        self.path = path


def _skipped_dir(name: str) -> bool:
    return name in NOISE_DIRS or name.startswith(".") or name.endswith(".egg-info")


def _walk(folder: Path, settings: Settings) -> Iterator[Path]:
    """The ``*.py`` files below ``folder`` in a stable order, pruning skipped folders early."""
    tracked = gitignore.not_ignored(folder) if settings.respect_gitignore else None
    for dirpath, dirnames, filenames in os.walk(folder):
        base = Path(dirpath)
        rel = base.relative_to(folder)
        dirnames[:] = sorted(
            d for d in dirnames
            if not _skipped_dir(d) and not settings.excluded(base / d, below=folder)
            and (tracked is None or tracked.keeps_folder((rel / d).as_posix())))
        for name in sorted(filenames):
            if (name.endswith(".py") and not settings.excluded(base / name, below=folder)
                    and (tracked is None or tracked.keeps_file((rel / name).as_posix()))):
                yield base / name


def force_excluded(path: Path, settings: Settings) -> bool:
    """With ``force-exclude``, whether a path named on the command line is one a walk of
    the project would skip: an exclusion matches it, or it lies in a skipped folder."""
    if not settings.force_exclude:
        return False
    if settings.excluded(path):
        return True
    rel = settings.relative_path(path)
    folders = rel.split("/")[:-1] if not rel.startswith("/") else []
    return any(_skipped_dir(name) for name in folders)


def iter_python_files(paths: Sequence[str | Path], settings: Settings) -> Iterator[Path]:
    """Every file to lint under ``paths``, each once, in the order given then sorted.

    Raises ``PathNotFoundError`` for a path that does not exist, before any file is
    yielded, so a typo never produces a half run.
    """
    given = [Path(p) for p in paths]
    for path in given:
        if not path.exists():
            raise PathNotFoundError(path)
    seen: set[Path] = set()
    for path in given:
        if force_excluded(path, settings):
            continue
        candidates = _walk(path, settings) if path.is_dir() else iter((path,))
        for file in candidates:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                yield file

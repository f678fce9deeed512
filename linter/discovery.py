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
from typing import TYPE_CHECKING, Iterator, Sequence

from loopsafe.linter import folders, gitignore
from loopsafe.linter.settings import Settings, UsageError

if TYPE_CHECKING:
    from loopsafe.linter.warm import Inputs


class PathNotFoundError(UsageError):
    """A path given to the linter does not exist."""

    def __init__(self, path: str | Path):
        super().__init__(f"{path}: no such file or directory")
        self.path = path


def _walk(folder: Path, settings: Settings, seen: Inputs | None) -> Iterator[Path]:
    """The ``*.py`` files below ``folder`` in a stable order (a folder's files, then its
    sub-folders one by one), pruning skipped folders early."""
    top = str(folder)
    listed = gitignore.listing(top) if settings.respect_gitignore else None
    tracked = None if listed is None else gitignore.Tracked.parse(top, listed)
    if seen is not None and settings.respect_gitignore:
        seen.listed(top, listed)
    pending = [(folder, "")]
    while pending:
        base, rel = pending.pop()
        names, files = folders.listing(str(base))
        if seen is not None:
            seen.folder(str(base), (names, files))
        for name in files:
            if (not settings.excluded(base / name, below=folder)
                    and (tracked is None or tracked.keeps_file(rel + name))):
                yield base / name
        # reversed onto the stack: the first sub-folder is walked next
        pending.extend(reversed([
            (base / name, f"{rel}{name}/") for name in names
            if not settings.excluded(base / name, below=folder)
            and (tracked is None or tracked.keeps_folder(rel + name))]))


def force_excluded(path: Path, settings: Settings) -> bool:
    """With ``force-exclude``, whether a path named on the command line is one a walk of
    the project would skip: an exclusion matches it, or it lies in a skipped folder."""
    if not settings.force_exclude:
        return False
    if settings.excluded(path):
        return True
    rel = settings.relative_path(path)
    parents = rel.split("/")[:-1] if not rel.startswith("/") else []
    return any(folders.skipped_dir(name) for name in parents)


def iter_python_files(paths: Sequence[str | Path], settings: Settings,
                      seen: Inputs | None = None) -> Iterator[Path]:
    """Every file to lint under ``paths``, each once, in the order given then sorted.
    ``seen`` records what the answer depended on (the warm run checks it again).

    Raises ``PathNotFoundError`` for a path that does not exist, before any file is
    yielded, so a typo never produces a half run.
    """
    given = [Path(p) for p in paths]
    kinds = []
    for path in given:
        kind = folders.kind(str(path))
        if seen is not None:
            seen.kind(str(path), kind)
        if kind is None:
            raise PathNotFoundError(path)
        kinds.append(kind)
    # two paths may name one file (a folder and a file in it); one path cannot
    seen_files: set[str] | None = set() if len(given) > 1 else None
    for path, kind in zip(given, kinds):
        if force_excluded(path, settings):
            continue
        candidates = _walk(path, settings, seen) if kind == "dir" else iter((path,))
        for file in candidates:
            if seen_files is not None:
                key = os.path.realpath(file)
                if key in seen_files:
                    continue
                seen_files.add(key)
            yield file


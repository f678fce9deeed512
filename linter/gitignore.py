"""``respect-gitignore``: leave out what git ignores, as ruff does by default.

Rather than re-implement git's rules (nested ``.gitignore`` files, ``info/exclude``,
the global excludes file, negations), git is asked once per walked folder for the
files it does not ignore: ``git ls-files --cached --others --exclude-standard``.
Outside a work tree, or without git, nothing is left out: ruff too reads
``.gitignore`` files only inside a repository.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


@dataclass(frozen=True)
class Tracked:
    """What git does not ignore under one folder, as paths relative to it."""

    files: frozenset[str]
    folders: frozenset[str]  # every folder holding one of ``files``
    whole: frozenset[str]  # nested repositories and submodules: everything below is kept

    def keeps_folder(self, rel: str) -> bool:
        return rel in self.folders or self._inside_whole(rel)

    def keeps_file(self, rel: str) -> bool:
        return rel in self.files or self._inside_whole(rel)

    def _inside_whole(self, rel: str) -> bool:
        return any(rel == w or rel.startswith(w + "/") for w in self.whole)


def not_ignored(folder: Path) -> Tracked | None:
    """The files git does not ignore under ``folder``; None when git cannot say."""
    try:
        listed = subprocess.run(
            ["git", "-C", str(folder), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            capture_output=True, check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):  # no git, not a work tree, hung
        return None
    files, folders, whole = set(), set(), set()
    for raw in listed.split(b"\0"):
        if not raw:
            continue
        entry = raw.decode("utf-8", "surrogateescape").rstrip("/")
        # a nested repository or a submodule (a .py name is a file: no stat for those)
        if raw.endswith(b"/") or (not entry.endswith(".py") and (folder / entry).is_dir()):
            whole.add(entry)
        else:
            files.add(entry)
        folders.update(str(parent) for parent in PurePosixPath(entry).parents if str(parent) != ".")
    return Tracked(frozenset(files), frozenset(folders), frozenset(whole))

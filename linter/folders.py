"""How a walk sees one folder: the sub-folders it may enter and the ``*.py`` files in it.

Discovery walks with this, and the warm run lists the same folders with it to know that
no file came or went, so both see a folder alike. The folders that never hold the
project's own code (virtualenvs, caches, build output, hidden folders) are not entered,
so ``loopsafe check .`` on a working tree does not wander into ``.venv``.
"""

from __future__ import annotations

import os

# Folder names skipped inside a walk (hidden folders are skipped as well).
NOISE_DIRS = frozenset({
    "__pycache__", "node_modules", "venv", "build", "dist", "site-packages",
    "__pypackages__", "_build", "buck-out",
})


def skipped_dir(name: str) -> bool:
    return name in NOISE_DIRS or name.startswith(".") or name.endswith(".egg-info")


def listing(folder: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names of ``folder``'s sub-folders a walk enters and of its ``*.py`` files,
    each sorted. A link to a folder is not entered (as ``os.walk`` by default: no cycles);
    an unreadable folder lists nothing."""
    folders, files = [], []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    is_dir = False
                if is_dir:
                    if not skipped_dir(entry.name) and not entry.is_symlink():
                        folders.append(entry.name)
                elif entry.name.endswith(".py"):
                    files.append(entry.name)
    except OSError:
        pass
    return tuple(sorted(folders)), tuple(sorted(files))


def kind(path: str) -> str | None:
    """``dir``, ``file`` (anything else that exists) or None (nothing there)."""
    try:
        return "dir" if os.path.isdir(path) else "file" if os.path.exists(path) else None
    except ValueError:  # a NUL in the name
        return None

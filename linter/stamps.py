"""Whether a file changed, told by its size and modification time, and when those moved
(a checkout, a touch) by its content hash.

Both result caches check their files with these, and the warm run checks them before
anything heavy is loaded, so this module imports only ``os`` (``hashlib`` when a time moved).
"""

from __future__ import annotations

import os
import stat

# path -> (size, mtime in ns, sha256 of the content)
Stamps = dict[str, tuple[int, int, str]]


def of(path: str) -> tuple[int, int] | None:
    """A regular file's size and modification time; None when it is absent or not a file."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):  # ValueError: a NUL in the name
        return None
    return (st.st_size, st.st_mtime_ns) if stat.S_ISREG(st.st_mode) else None


def digest(path: str) -> str | None:
    import hashlib  # only a file whose time moved needs it

    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


def take(files: list[str]) -> Stamps | None:
    """Every file's stamp, taken before the analysis reads it: a file edited while the
    run goes on then fails the next check. None when a file cannot be read (its LS001
    is cheap to find again)."""
    stamps: Stamps = {}
    for path in files:
        now = of(path)
        content = digest(path) if now is not None else None
        if content is None:
            return None
        stamps[path] = (*now, content)
    return stamps


def check(stamps: Stamps) -> tuple[bool, bool]:
    """(every file unchanged, some time moved): a file whose size and time are those
    stamped is unchanged; one whose time alone moved is unchanged if its content hash is
    the same, and its stamp is updated in place, so that next time the stat alone answers."""
    moved = False
    for path, (size, mtime, content) in stamps.items():
        now = of(path)
        if now is None:
            return False, moved
        if now != (size, mtime):
            if now[0] != size or digest(path) != content:
                return False, moved
            stamps[path] = (*now, content)
            moved = True
    return True, moved


def code() -> tuple[tuple[str, int, int], ...]:
    """The stamp of the linter's own code: every module's path, size and modification
    time. It changes whenever the code does, an editable install's included (a version
    bump would not), for the price of one ``stat`` per module."""
    root = os.path.dirname(os.path.abspath(__file__))
    cut = len(root) + 1  # what relpath would strip, for a tenth of its time
    found = []
    folders = [root]
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith(".py") and entry.is_file():
                    st = entry.stat()
                    found.append((entry.path[cut:], st.st_size, st.st_mtime_ns))
                elif entry.is_dir() and entry.name != "__pycache__":
                    folders.append(entry.path)
    return tuple(sorted(found))

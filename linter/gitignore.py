"""``respect-gitignore``: leave out what git ignores, as ruff does by default.

Rather than re-implement git's rules (nested ``.gitignore`` files, ``info/exclude``,
the global excludes file, negations), git is asked once per walked folder for the
files it does not ignore: ``git ls-files --cached --others --exclude-standard``.
Outside a work tree, or without git, nothing is left out: ruff too reads
``.gitignore`` files only inside a repository.

The warm run asks git again and compares the answer with the recorded one, so this module
imports nothing heavy: git is started with ``posix_spawn`` where there is one (the
``subprocess`` module costs a warm run more than git itself).
"""

from __future__ import annotations

import os
import posixpath

GIT_TIMEOUT = 60.0  # seconds: a hung git must not hang the linter


class Tracked:
    """What git does not ignore under one folder, as paths relative to it."""

    __slots__ = ("files", "folders", "whole")

    def __init__(self, files: frozenset[str], folders: frozenset[str], whole: frozenset[str]):
        self.files = files
        self.folders = folders  # every folder holding one of ``files``
        self.whole = whole  # nested repositories and submodules: everything below is kept

    @classmethod
    def parse(cls, folder: str, listed: bytes) -> Tracked:
        """From the output of ``listing(folder)``."""
        files, folders, whole = set(), set(), set()
        for raw in listed.split(b"\0"):
            if not raw:
                continue
            entry = raw.decode("utf-8", "surrogateescape").rstrip("/")
            # a nested repository or a submodule (a .py name is a file: no stat for those)
            if raw.endswith(b"/") or (not entry.endswith(".py") and os.path.isdir(os.path.join(folder, entry))):
                whole.add(entry)
            else:
                files.add(entry)
            parent = posixpath.dirname(entry)
            while parent and parent not in folders:
                folders.add(parent)
                parent = posixpath.dirname(parent)
        return cls(frozenset(files), frozenset(folders), frozenset(whole))

    def keeps_folder(self, rel: str) -> bool:
        return rel in self.folders or self._inside_whole(rel)

    def keeps_file(self, rel: str) -> bool:
        return rel in self.files or self._inside_whole(rel)

    def _inside_whole(self, rel: str) -> bool:
        return any(rel == w or rel.startswith(w + "/") for w in self.whole)


def listing(folder: str) -> bytes | None:
    """What ``git ls-files`` lists under ``folder``; None when git cannot say (not a work
    tree, no git). Git is not started when no folder from here up holds a ``.git`` and no
    ``GIT_DIR`` or ``GIT_WORK_TREE`` points elsewhere: it could only fail."""
    if not _maybe_in_repository(folder):
        return None
    return _output(["git", "-C", folder, "ls-files", "-z", "--cached", "--others", "--exclude-standard"])


def not_ignored(folder: str) -> Tracked | None:
    """The files git does not ignore under ``folder``; None when git cannot say."""
    listed = listing(folder)
    return None if listed is None else Tracked.parse(folder, listed)


def _maybe_in_repository(folder: str) -> bool:
    if "GIT_DIR" in os.environ or "GIT_WORK_TREE" in os.environ:
        return True
    here = os.path.abspath(folder)
    while True:
        if os.path.lexists(os.path.join(here, ".git")):
            return True
        parent = os.path.dirname(here)
        if parent == here:
            return False
        here = parent


def _output(argv: list[str]) -> bytes | None:
    """The standard output of ``argv`` when it exits 0 within ``GIT_TIMEOUT``, else None."""
    if not hasattr(os, "posix_spawnp"):  # Windows
        import subprocess

        try:
            return subprocess.run(argv, capture_output=True, check=True, timeout=GIT_TIMEOUT).stdout
        except (OSError, subprocess.SubprocessError):
            return None
    import select
    import time

    read, write = os.pipe()
    devnull = os.open(os.devnull, os.O_RDWR)
    try:
        pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=[
            (os.POSIX_SPAWN_DUP2, devnull, 0), (os.POSIX_SPAWN_DUP2, write, 1),
            (os.POSIX_SPAWN_DUP2, devnull, 2)])
    except OSError:  # no git
        os.close(read)
        return None
    finally:
        os.close(write)
        os.close(devnull)
    chunks = []
    deadline = time.monotonic() + GIT_TIMEOUT
    with open(read, "rb", buffering=0) as pipe:
        while True:
            ready, _, _ = select.select([pipe], [], [], max(0.0, deadline - time.monotonic()))
            chunk = pipe.read(1 << 16) if ready else None
            if not chunk:
                break
            chunks.append(chunk)
    if not ready:  # hung: stop it
        os.kill(pid, 9)
    _, status = os.waitpid(pid, 0)
    return b"".join(chunks) if ready and os.waitstatus_to_exitcode(status) == 0 else None

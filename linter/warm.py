"""The warm run: a check whose inputs are all unchanged prints the report of the last such
run, before the analysis, the configuration parser or even ``pathlib`` is loaded.

A full run of a check that can be replayed (``replayable``) leaves a record in the project's
cache: the report as printed (the text format's duration left open), its exit status, and
everything the report depended on besides the command line: the linter's code (each
module's stamp), each configuration file looked for, found or not, each folder walked with
the names of its sub-folders and Python files, git's answer on ignored files, and every
file analysed with its stamp (``stamps``). ``replay`` finds the record of the same command
line in the same working folder, checks each of those again and prints the report; on any
difference it answers None, the full run goes on and leaves a new record.

The record is looked for in the folders where the configuration search would find the
project root (``_candidates``); with ``cache-dir`` set the full run leaves none, and such a
project always takes the full run.
"""

from __future__ import annotations

import argparse
import marshal
import os
import sys
import time

from . import folders, gitignore, stamps
from .constants import CACHE_DIR, ELAPSED, PYPROJECT, STANDALONE

FORMAT = 1  # of the record; a record of another format is not read
RECORDS = "warm"  # the folder of the records, in the cache folder
# Records kept per project: each command line has its own (a pre-commit hook names other
# files at each commit), so the least recently written go.
KEEP = 32
# Where the text report's duration goes; NUL cannot occur in a path or in Python source.
PLACEHOLDER = "\0elapsed\0"
# `check` options under which the output is more than the report of the files' findings
_NOT_REPLAYED = ("fix", "diff", "write_baseline", "show_files", "show_settings", "no_cache",
                 "stdin_filename")


def replayable(args: argparse.Namespace) -> bool:
    return (args.command == "check" and "-" not in args.paths
            and not any(getattr(args, option) for option in _NOT_REPLAYED))


def _key(args: argparse.Namespace, color: bool) -> str:
    """What else the report depends on: the options, where it runs (relative paths), the
    interpreter (what ``ast`` parses) and the installed linter, colour."""
    return repr((FORMAT, sorted(vars(args).items()), os.getcwd(), sys.version,
                 os.path.dirname(os.path.abspath(__file__)), color))


def _name(key: str) -> str:
    # a tuple of ints hashes alike in every process (a str would not); the record holds
    # its whole key, so a collision costs a miss, never a wrong report
    return f"{hash(tuple(key.encode('utf-8', 'surrogateescape'))) & 0xFFFF_FFFF_FFFF_FFFF:016x}"


def _candidates(args: argparse.Namespace) -> list[str]:
    """The folders whose cache may hold the record: the configuration file's folder with
    ``--config``; else each folder from the first path up that holds a configuration file
    (the nearest ``loopsafe.toml`` ends the search, a pyproject.toml may lack the table),
    then the working folder (the root when no file configures loopsafe)."""
    if args.config:
        return [os.path.dirname(os.path.abspath(args.config))]
    start = os.path.abspath(args.paths[0] if args.paths else ".")
    folder = start if os.path.isdir(start) else os.path.dirname(start)
    found = []
    while True:
        if any(os.path.isfile(os.path.join(folder, name)) for name in STANDALONE):
            return found + [folder]
        if os.path.isfile(os.path.join(folder, PYPROJECT)):
            found.append(folder)
        parent = os.path.dirname(folder)
        if parent == folder:
            return found + [os.getcwd()]
        folder = parent


def _path(root: str, name: str) -> str:
    return os.path.join(root, CACHE_DIR, RECORDS, name)


def _load(path: str, key: str) -> dict | None:
    try:
        with open(path, "rb") as handle:
            record = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):  # absent, truncated, another Python's
        return None
    return record if isinstance(record, dict) and record.get("key") == key else None


def _unchanged(record: dict) -> tuple[bool, bool]:
    """(every input of the recorded report as it was, some file's time moved but not its
    content): ``stamps.check`` updates the record's stamps of those."""
    if not (record["code"] == stamps.code()
            and all(stamps.of(path) == stamp for path, stamp in record["inputs"])
            and all(folders.kind(path) == kind for path, kind in record["kinds"])
            and all(folders.listing(folder) == names for folder, names in record["folders"])
            and all(gitignore.listing(folder) == listed for folder, listed in record["git"])):
        return False, False
    return stamps.check(record["files"])


def replay(args: argparse.Namespace, color: bool, started: float) -> int | None:
    """Print the recorded report of this check and return its exit status, or None when
    there is no record or an input changed."""
    if not replayable(args):
        return None
    key = _key(args, color)
    name = _name(key)
    for root in _candidates(args):
        record = _load(_path(root, name), key)
        if record is not None:
            break
    else:
        return None
    unchanged, moved = _unchanged(record)
    if not unchanged:
        return None
    text = ELAPSED.format(time.perf_counter() - started).join(record["output"])
    if args.output_file is None:
        sys.stdout.write(text)
    else:
        try:
            with open(args.output_file, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError:
            return None  # the full run says why
    if moved:  # same content, new times: next time the stat alone answers
        _write(_path(root, name), record)
    return record["exit"]


class Inputs:
    """What a full check's report depends on besides the command line, as it saw it
    (the first sight of each: taken before the analysis reads anything)."""

    def __init__(self) -> None:
        self.code = stamps.code()
        self.files: dict[str, tuple[int, int] | None] = {}  # configuration files, the baseline
        self.kinds: dict[str, str | None] = {}  # the paths given, the project root
        self.folders: dict[str, tuple] = {}  # each folder walked: what ``folders.listing`` saw
        self.git: dict[str, bytes | None] = {}  # each folder walked from: ``gitignore.listing``

    def file(self, path: str, stamp: tuple[int, int] | None) -> None:
        self.files.setdefault(path, stamp)

    def kind(self, path: str, kind: str | None) -> None:
        self.kinds.setdefault(path, kind)

    def folder(self, path: str, names: tuple) -> None:
        self.folders.setdefault(path, names)

    def listed(self, folder: str, listed: bytes | None) -> None:
        self.git.setdefault(folder, listed)


def record(args: argparse.Namespace, color: bool, inputs: Inputs, files: stamps.Stamps,
           output: str, status: int, root: str) -> None:
    """Leave the record of a full check whose ``output`` (with ``PLACEHOLDER`` for the
    duration) was printed, under the cache folder of the project ``root``."""
    parts = output.split(PLACEHOLDER)
    if not replayable(args) or len(parts) > 2:
        return
    key = _key(args, color)
    path = _path(root, _name(key))
    _write(path, {
        "key": key, "code": inputs.code, "inputs": list(inputs.files.items()),
        "kinds": list(inputs.kinds.items()), "folders": list(inputs.folders.items()),
        "git": list(inputs.git.items()), "files": files, "output": parts, "exit": status})
    _prune(os.path.dirname(path))


def _prune(folder: str) -> None:
    """Remove all but the ``KEEP`` most recently written records."""
    try:
        with os.scandir(folder) as entries:
            dated = sorted((entry.stat().st_mtime_ns, entry.path) for entry in entries)
        for _, path in dated[:-KEEP]:
            os.unlink(path)
    except OSError:  # another run pruned first
        pass


def _write(path: str, record: dict) -> None:
    """Written as the caches are (write then rename; a read-only tree is no error). Only a
    full run or a replay whose file times moved writes, so it may load what the cache needs."""
    from pathlib import Path

    from .cache import store

    folder = Path(path).parent
    store(folder.parent, folder, os.path.basename(path), marshal.dumps(record))

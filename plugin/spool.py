"""Events written to a file as they happen, and read back when the session ends.

A pytest-xdist worker sends nothing to the controller until it finishes, so a
worker that crashes (a segfault, ``os._exit`` from pytest-timeout's thread
method, the OOM killer) would take its events with it. Each worker instead
appends every event to a spool of its own, one JSON object a line, flushed at
once; the controller reads all spools at the end. A spool that lacks its last
line (``{"end": true}``) is a worker that died, and the test it was running
(``{"begin": nodeid}``) says where.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from .events import Event

SUFFIX = ".jsonl"


@dataclass(frozen=True)
class LostWorker:
    """A worker whose spool never ended: it died while running ``test``."""

    worker: str
    pid: int
    test: str  # "" when it died between tests

    def describe(self) -> str:
        during = f" while running {self.test}" if self.test else " between tests"
        return f"worker {self.worker} (pid {self.pid}) died{during}; its events up to then are kept"

    def to_json(self) -> dict:
        return {"worker": self.worker, "pid": self.pid, "test": self.test}


class Spool:
    """One process's spool file (line-buffered: each line reaches the file as written)."""

    def __init__(self, directory: Path, worker: str) -> None:
        self.path = Path(directory) / f"{worker}-{os.getpid()}{SUFFIX}"
        self._file = open(self.path, "a", encoding="utf-8", buffering=1)
        self._line({"worker": worker, "pid": os.getpid()})

    def _line(self, data: dict) -> None:
        self._file.write(json.dumps(data) + "\n")

    def begin(self, test_id: str) -> None:
        self._line({"begin": test_id})

    def write(self, event: Event) -> None:
        self._line({"event": event.to_json()})

    def close(self) -> None:
        self._line({"end": True})
        self._file.close()


def read_spool(path: Path) -> tuple[list[Event], LostWorker | None]:
    """The events of one spool, and the worker if it never ended. A line cut short by
    the crash is the last one and is skipped."""
    events: list[Event] = []
    worker, pid, test, ended = path.stem, 0, "", False
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            continue
        if "event" in data:
            events.append(Event.from_json(data["event"]))
        elif "begin" in data:
            test = data["begin"]
        elif "worker" in data:
            worker, pid = data["worker"], data["pid"]
        elif data.get("end"):
            ended = True
    return events, None if ended else LostWorker(worker, pid, test)


def read_spools(directory: Path) -> tuple[list[Event], list[LostWorker]]:
    """Every spool in ``directory``."""
    events: list[Event] = []
    lost: list[LostWorker] = []
    paths = sorted(Path(directory).glob(f"*{SUFFIX}"))
    for path in paths:
        found, dead = read_spool(path)
        events += found
        if dead is not None:
            lost.append(dead)
    return events, lost

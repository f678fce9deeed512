"""Shared by reconcile's tests: a project on disk, a runtime report written by hand, and
``loopsafe reconcile`` run in-process."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

from loopsafe.linter.cli import main


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def line_of(path: Path, marker: str) -> int:
    """The line holding ``marker`` (a comment ``# <marker>`` in the file)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [i for i, line in enumerate(lines, start=1) if line.rstrip().endswith(f"# {marker}")]
    assert len(found) == 1, (marker, found)
    return found[0]


def frame(path: str, line: int, function: str) -> str:
    return f"{path}:{line} {function}"


def event(kind: str = "blocking-call", *, at: tuple[str, int, str], stack: list[str] | None = None,
          call: str | None = "time.sleep", outside: list[dict] | None = None,
          test: str = "tests/test_app.py::test_a") -> dict[str, Any]:
    """An event as the plugin writes it: located at ``at`` (path, line, function)."""
    path, line, function = at
    data: dict[str, Any] = {
        "kind": kind, "test": test,
        "message": (f"{call} held the event loop for 0.300s" if kind == "blocking-call"
                    else f"{kind} at {path}:{line}"),
        "location": {"path": path, "line": line, "function": function},
        "stack": stack if stack is not None else [frame(path, line, function)]}
    if kind == "blocking-call":
        data.update(call=call, duration=0.3)
    if outside is not None:
        data["outside"] = outside
    return data


def library(path: Path, line: int, module: str, qualname: str | None) -> dict[str, Any]:
    """A frame outside the user's code, as the plugin describes it."""
    data: dict[str, Any] = {"path": str(path), "line": line, "module": module,
                            "function": (qualname or "").rpartition(".")[2] or "?"}
    if qualname is not None:
        data["qualname"] = qualname
    return data


def report(folder: Path, *events: dict[str, Any]) -> Path:
    path = folder / "loopsafe-report.json"
    path.write_text(json.dumps({"version": 1, "events": list(events)}), encoding="utf-8")
    return path


def reconcile(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(["reconcile", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def reconcile_json(capsys, *argv: str) -> tuple[int, dict[str, Any]]:
    status, out, err = reconcile(capsys, *argv, "--format", "json", "--no-cache")
    assert status in (0, 1), err
    return status, json.loads(out)

"""Reading the pytest plugin's runtime report (``--loopsafe-report``).

The file is written by a program, so a wrong shape means a wrong file: every
problem is a ``ReportError`` (exit status 2) that names the file, and the event
and field where there is one. An event kind this version does not know (a newer
plugin) is kept: reconcile reports it as runtime-only rather than refusing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loopsafe.linter.settings import UsageError

VERSION = 1


class ReportError(UsageError):
    """The runtime report is missing, unreadable, or not a loopsafe runtime report."""


@dataclass(frozen=True)
class Frame:
    """One frame of a runtime stack: a path as the report gives it, a line, a function."""

    path: str
    line: int
    function: str
    module: str | None = None  # the frame's ``__name__``, for frames outside the user's code
    qualname: str | None = None  # ``co_qualname`` (Python 3.11+)


@dataclass
class RuntimeEvent:
    """One event of the report, parsed; ``raw`` is the event as written, for the output."""

    raw: dict[str, Any]
    kind: str
    message: str
    test: str = ""
    call: str | None = None
    location: Frame | None = None
    stack: list[Frame] = field(default_factory=list)  # user frames, outermost first
    outside: list[Frame] = field(default_factory=list)  # library frames below the location


def _frame_from_step(step: Any, where: str) -> Frame:
    """A stack entry ``"path:line function"`` (the path may hold spaces and colons)."""
    if not isinstance(step, str):
        raise ReportError(f"{where}: expected a string 'path:line function', got {step!r}")
    place, _, function = step.rpartition(" ")
    path, _, line = place.rpartition(":")
    if not path or not line.isdigit():
        raise ReportError(f"{where}: expected 'path:line function', got {step!r}")
    return Frame(path, int(line), function)


def _frame_from_dict(data: Any, where: str, *, library: bool = False) -> Frame:
    if not isinstance(data, dict):
        raise ReportError(f"{where}: expected an object, got {data!r}")
    path, line, function = data.get("path"), data.get("line"), data.get("function", "")
    if not isinstance(path, str) or isinstance(line, bool) or not isinstance(line, int) \
            or not isinstance(function, str):
        raise ReportError(f"{where}: expected 'path' (a string), 'line' (an integer) and "
                          f"'function' (a string), got {data!r}")
    module, qualname = (data.get("module"), data.get("qualname")) if library else (None, None)
    return Frame(path, line, function,
                 module if isinstance(module, str) and module else None,
                 qualname if isinstance(qualname, str) and qualname else None)


def _optional_str(data: dict, key: str, where: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ReportError(f"{where}: '{key}' must be a string, got {value!r}")
    return value


def _list(data: dict, key: str, where: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise ReportError(f"{where}: '{key}' must be an array, got {value!r}")
    return value


def parse_event(data: Any, where: str) -> RuntimeEvent:
    if not isinstance(data, dict):
        raise ReportError(f"{where}: expected an object, got {data!r}")
    kind = data.get("kind")
    if not isinstance(kind, str) or not kind:
        raise ReportError(f"{where}: 'kind' must be a non-empty string, got {kind!r}")
    location = data.get("location")
    return RuntimeEvent(
        raw=data, kind=kind,
        message=_optional_str(data, "message", where) or "",
        test=_optional_str(data, "test", where) or "",
        call=_optional_str(data, "call", where),
        location=_frame_from_dict(location, f"{where} location") if location is not None else None,
        stack=[_frame_from_step(step, f"{where} stack[{i}]")
               for i, step in enumerate(_list(data, "stack", where))],
        outside=[_frame_from_dict(frame, f"{where} outside[{i}]", library=True)
                 for i, frame in enumerate(_list(data, "outside", where))],
    )


def load(path: Path) -> list[RuntimeEvent]:
    """The events of the report at ``path``; a ``ReportError`` when it is not one."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ReportError(f"{path}: cannot read the runtime report: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ReportError(f"{path}: not a runtime report (not UTF-8 text: {exc.reason})") from None
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise ReportError(f"{path}: not a runtime report (invalid JSON: {exc})") from None
    if not isinstance(document, dict) or "events" not in document:
        raise ReportError(f"{path}: not a runtime report (expected an object with 'version' and "
                          "'events', as written by pytest --loopsafe-report)")
    if document.get("version") != VERSION:
        raise ReportError(f"{path}: runtime report version {document.get('version')!r} is not "
                          f"supported (expected {VERSION})")
    events = document["events"]
    if not isinstance(events, list):
        raise ReportError(f"{path}: 'events' must be an array, got {type(events).__name__}")
    return [parse_event(item, f"{path}: event {index}") for index, item in enumerate(events)]

"""Command-line options, ini keys and the ``loopsafe`` marker, parsed into settings.

Parsing happens once per session (``SessionOptions``) and once per test
(``Settings``: the session's values overridden by the test's marker). Every bad
value a user can type becomes a ``pytest.UsageError`` (options, ini keys) or a
test error (marker) naming the option and the value, never a traceback.
"""

from __future__ import annotations

import multiprocessing
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

import pytest

MODES = ("off", "warn", "fail")
KNOWN_START_METHODS = ("fork", "forkserver", "spawn")
MARKER = "loopsafe"
MARKER_HELP = (
    "loopsafe(allow_blocking=False, threshold=None, start_methods=None, leaks=None): "
    "per-test settings of the loopsafe plugin"
)

# name, default (as an ini string), help; the option is --loopsafe-<name with "-">,
# the ini key loopsafe_<name>.
_OPTIONS = (
    ("blocking", "warn", "what a blocked event loop does to the test: off, warn or fail"),
    ("threshold", "0.1", "seconds a loop may be held before it counts as blocked"),
    ("leaks", "warn", "what a leaked task, thread, process or loop does: off, warn or fail"),
    ("start_methods", "", "comma-separated start methods for process_pool "
                          "(default: the platform's default)"),
    ("report", "", "write the runtime report as JSON to this path"),
    ("allow", "", "comma-separated qualified names or module prefixes whose frames "
                  "are not the user's code (never blamed for blocking)"),
)

# Typed ini keys, so that pytest 9's native ``[tool.pytest]`` table takes a number and
# arrays (a "string" key rejects them there). ``float | str`` (pytest 9.2+) still lets
# INI text through to parse_threshold's message; "args" is an array in TOML and
# shell-split text in INI files.
_INI_TYPES: dict[str, Any] = {"start_methods": "args", "allow": "args"}
if pytest.version_tuple >= (9, 2):
    _INI_TYPES["threshold"] = float | str


def add_options(parser: pytest.Parser) -> None:
    """Register every ``--loopsafe-*`` option and its ``loopsafe_*`` ini key."""
    group = parser.getgroup("loopsafe", "loopsafe: blocked loops, leaks, loop and pool fixtures")
    for name, default, help_text in _OPTIONS:
        group.addoption(f"--loopsafe-{name.replace('_', '-')}", dest=f"loopsafe_{name}",
                        default=None, help=f"{help_text} (default: {default or 'none'})")
        parser.addini(f"loopsafe_{name}", help_text, type=_INI_TYPES.get(name), default=default)


def _raw(config: pytest.Config, name: str) -> tuple[str, str]:
    """The value of one setting and where it came from (for error messages)."""
    value = config.getoption(f"loopsafe_{name}")
    if value is not None:
        return str(value), f"--loopsafe-{name.replace('_', '-')}"
    value = config.getini(f"loopsafe_{name}")
    if isinstance(value, list):  # an "args" key
        value = " ".join(value)
    return str(value), f"ini key loopsafe_{name}"


def _names(value: str) -> tuple[str, ...]:
    """Names separated by commas or white space (an ini value may span lines)."""
    return tuple(part for part in re.split(r"[,\s]+", value) if part)


def parse_mode(value: Any, source: str) -> str:
    if value not in MODES:
        raise ValueError(f"{source}: {value!r} is not one of {', '.join(MODES)}")
    return value


def parse_threshold(value: Any, source: str) -> float:
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = -1.0
    if isinstance(value, bool) or not seconds > 0 or seconds == float("inf"):
        raise ValueError(f"{source}: {value!r} is not a positive number of seconds")
    return seconds


def parse_start_methods(value: Any, source: str) -> tuple[str, ...]:
    """Start methods are checked against every method Python knows, not only this
    platform's: a test asking for ``fork`` is skipped on Windows, not an error."""
    methods = _names(value) if isinstance(value, str) else value
    if not isinstance(methods, (list, tuple)) or not methods:
        raise ValueError(f"{source}: {value!r} is not a non-empty list of start methods")
    for method in methods:
        if method not in KNOWN_START_METHODS:
            raise ValueError(f"{source}: unknown start method {method!r}; "
                             f"expected {', '.join(KNOWN_START_METHODS)}")
    return tuple(dict.fromkeys(methods))


def default_start_method() -> str:
    """The method ``multiprocessing`` would use, read without fixing it (asking the
    default context for it would set the start method for the whole process)."""
    return multiprocessing.get_start_method(allow_none=True) or multiprocessing.get_all_start_methods()[0]


@dataclass(frozen=True)
class Settings:
    """What the plugin does for one test."""

    blocking: str = "warn"
    threshold: float = 0.1
    leaks: str = "warn"
    start_methods: tuple[str, ...] = ()


@dataclass(frozen=True)
class SessionOptions:
    defaults: Settings
    report: Path | None
    allow: tuple[str, ...]


def _parsed(config: pytest.Config, name: str, parse: Callable[[Any, str], Any]) -> Any:
    value, source = _raw(config, name)
    try:
        return parse(value, source)
    except ValueError as exc:
        raise pytest.UsageError(f"loopsafe: {exc}") from None


def session_options(config: pytest.Config) -> SessionOptions:
    """Parse the options and ini keys; raises ``pytest.UsageError`` on a bad value."""
    methods_value, _ = _raw(config, "start_methods")
    defaults = Settings(
        blocking=_parsed(config, "blocking", parse_mode),
        threshold=_parsed(config, "threshold", parse_threshold),
        leaks=_parsed(config, "leaks", parse_mode),
        start_methods=(_parsed(config, "start_methods", parse_start_methods)
                       if methods_value.strip() else (default_start_method(),)),
    )
    report, _ = _raw(config, "report")
    allow, _ = _raw(config, "allow")
    return SessionOptions(defaults=defaults, report=Path(report) if report.strip() else None,
                          allow=_names(allow))


def _parse_allow_blocking(value: Any, source: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{source}: {value!r} is not True or False")
    return value


# marker keyword -> how its (validated) value changes the test's settings, given the
# session's defaults (``allow_blocking=False`` on a test undoes a class's ``True``)
_MARKER_KEYWORDS: dict[str, Callable[[Settings, Any, str, Settings], Settings]] = {
    "allow_blocking": lambda s, v, src, d: replace(
        s, blocking="off" if _parse_allow_blocking(v, src) else d.blocking),
    "threshold": lambda s, v, src, d: replace(s, threshold=parse_threshold(v, src)),
    "start_methods": lambda s, v, src, d: replace(s, start_methods=parse_start_methods(v, src)),
    "leaks": lambda s, v, src, d: replace(s, leaks=parse_mode(v, src)),
}


def _apply_mark(settings: Settings, mark: pytest.Mark, defaults: Settings) -> Settings:
    if mark.args:
        raise ValueError(f"@pytest.mark.loopsafe takes keyword arguments only, got {mark.args!r}")
    for key, value in mark.kwargs.items():
        change = _MARKER_KEYWORDS.get(key)
        if change is None:
            raise ValueError(f"unknown @pytest.mark.loopsafe keyword {key!r}; "
                             f"expected one of {', '.join(_MARKER_KEYWORDS)}")
        settings = change(settings, value, f"@pytest.mark.loopsafe({key}=...)", defaults)
    return settings


def settings_for(node: pytest.Item | Any, defaults: Settings) -> Settings:
    """The test's settings: the session's, overridden by its ``loopsafe`` markers
    (the closest marker wins, keyword by keyword). ``node`` is an item or a
    ``FunctionDefinition``. A bad marker fails the test (``pytest.fail``, no traceback)."""
    settings = defaults
    try:
        for mark in reversed(list(node.iter_markers(MARKER))):
            settings = _apply_mark(settings, mark, defaults)
    except ValueError as exc:
        problem = str(exc)
    else:
        return settings
    pytest.fail(f"{node.nodeid}: {problem}", pytrace=False)

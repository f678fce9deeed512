"""Where the examples are, and what each one is marked to prove.

A broken example marks every line the linter must flag with ``# error: LS301``
(several codes comma separated) and every line the plugin must blame at run
time with ``# runtime: blocking-call`` (an event kind).
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.linter.expectations import expected

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
GOOD = EXAMPLES / "good"
BROKEN = EXAMPLES / "broken"
# a project of its own that blocks on purpose, checked by tests/reconcile/test_example.py
RECONCILE = EXAMPLES / "reconcile"

_RUNTIME = re.compile(r"#\s*runtime:\s*([a-z-]+)")


def pattern_files(folder: Path) -> list[Path]:
    """The pattern examples of one folder (``pNN_<name>.py``), in pattern order."""
    return sorted(folder.glob("p[0-9][0-9]_*.py"))


def lint_markers(path: Path) -> set[tuple[str, int]]:
    """(code, line) of every ``# error:`` marker."""
    return {(code, line) for _, line, code in expected(path)}


def runtime_markers(path: Path) -> dict[str, int]:
    """Event kind -> the line marked ``# runtime: <kind>``."""
    found = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _RUNTIME.search(line)
        if match:
            found[match.group(1)] = number
    return found

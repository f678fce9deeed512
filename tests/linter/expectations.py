"""Expected findings written on the line they belong to: ``# error: LS101, LS205``."""

from __future__ import annotations

import re
from pathlib import Path

_MARKER = re.compile(r"#\s*error:\s*(LS\d{3}(?:\s*,\s*LS\d{3})*)")


def expected(path: Path) -> set[tuple[str, int, int]]:
    """(file name, line, code) for every marker in a file."""
    found = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _MARKER.search(line)
        if match:
            for code in match.group(1).split(","):
                found.add((path.name, number, code.strip()))
    return found

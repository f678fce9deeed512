"""Baselines: adopt the linter on an existing code base and report only new findings.

``--write-baseline FILE`` records today's findings; ``--baseline FILE`` then
hides those and reports the rest. A finding is recognised by a fingerprint of
its code, its file (relative to the project root, so the baseline works from
any folder), its message and the text of its line with surrounding whitespace
removed, but not by its line number: code added above a known finding moves it
without making it new. Identical findings are counted, so a second copy of a
known bad line is still reported.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence

from .diagnostics import Diagnostic
from .settings import Settings, UsageError
from .sources import SourceCache

VERSION = 1


class BaselineError(UsageError):
    """A baseline file that cannot be read or is not one."""


def fingerprint(d: Diagnostic, settings: Settings, sources: SourceCache) -> str:
    parts = (d.code, settings.relative_path(d.path), d.message, sources.line(d.path, d.line).strip())
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def write(path: Path, diagnostics: Sequence[Diagnostic], settings: Settings,
          sources: SourceCache) -> None:
    """Record ``diagnostics`` in ``path``; line and message are kept for people reading it."""
    entries = sorted(({"fingerprint": fingerprint(d, settings, sources), "code": d.code,
                       "path": settings.relative_path(d.path), "line": d.line, "message": d.message}
                      for d in diagnostics), key=lambda e: (e["path"], e["line"], e["code"]))
    try:
        Path(path).write_text(json.dumps({"version": VERSION, "findings": entries}, indent=2) + "\n",
                              encoding="utf-8")
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write baseline: {exc.strerror or exc}") from None


def load(path: Path) -> Counter[str]:
    """The fingerprints in a baseline file, with how many findings each stands for."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise BaselineError(f"{path}: not a baseline file (invalid JSON: {exc})") from None
    findings = document.get("findings") if isinstance(document, dict) else None
    if not (isinstance(findings, list) and document.get("version") == VERSION
            and all(isinstance(f, dict) and isinstance(f.get("fingerprint"), str) for f in findings)):
        raise BaselineError(f"{path}: not a loopsafe baseline (expected version {VERSION} "
                            "with a list of findings that have a fingerprint)")
    return Counter(f["fingerprint"] for f in findings)


def new_findings(diagnostics: Iterable[Diagnostic], known: Counter[str], settings: Settings,
                 sources: SourceCache) -> list[Diagnostic]:
    """The diagnostics the baseline does not account for, in their order."""
    remaining = Counter(known)
    fresh = []
    for d in diagnostics:
        key = fingerprint(d, settings, sources)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            fresh.append(d)
    return fresh

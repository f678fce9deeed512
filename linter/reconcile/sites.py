"""Places in the code, compared across the two tools.

The plugin writes paths relative to pytest's rootdir; the linter writes them
relative to the working directory (or absolute). Both become a ``Site``: the
real path of the file and a line, so a symlink or another working folder does
not hide a match.
"""

from __future__ import annotations

import linecache
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

from loopsafe.linter.diagnostics import Diagnostic

# A trace step as the engine writes it: "pkg/b.py:4 time.sleep()".
_STEP = re.compile(r"(?P<path>.+?):(?P<line>\d+) (?P<what>.*)\Z")


@dataclass(frozen=True)
class Site:
    path: str  # real, absolute
    line: int

    def shown(self) -> str:
        return f"{shown_path(self.path)}:{self.line}"


def shown_path(path: str) -> str:
    """Relative to the working directory when under it, as users type paths."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith("..") else relative


def line_text(site: Site) -> str:
    """The text of the site's line ("" when the file cannot be read); the file is read
    afresh if it changed since it was cached."""
    linecache.checkcache(site.path)
    return linecache.getline(site.path, site.line)


@lru_cache(maxsize=4096)
def _real(path: str, cwd: str) -> str:
    return os.path.realpath(os.path.join(cwd, path))


def real(path: str | Path) -> str:
    """The real absolute path (cached: findings and frames name the same files again and again)."""
    return _real(os.fspath(path), os.getcwd())


class PathResolver:
    """Turns the report's relative paths into real ones.

    The report does not say which rootdir its paths are relative to; it is
    normally the project root (where pyproject.toml is), the folder pytest ran
    in, or the report's own folder. The first base under which the file exists
    wins; a file that exists under none (deleted since the run) stays under the
    first base.
    """

    def __init__(self, bases: Iterable[str | Path]):
        self.bases: list[str] = []
        for base in bases:
            resolved = real(base)
            if resolved not in self.bases:
                self.bases.append(resolved)
        self._cache: dict[str, str] = {}

    def resolve(self, path: str) -> str:
        found = self._cache.get(path)
        if found is None:
            if os.path.isabs(path):
                found = real(path)
            else:
                candidates = [os.path.join(base, path) for base in self.bases]
                found = real(next((c for c in candidates if os.path.exists(c)), candidates[0]))
            self._cache[path] = found
        return found

    def site(self, path: str, line: int) -> Site:
        return Site(self.resolve(path), line)


def _step_site(step: Any) -> Site | None:
    """A site from a trace step ``"path:line text"`` or a ``{"path", "line"}`` mapping."""
    if isinstance(step, str):
        match = _STEP.match(step)
        return Site(real(match["path"]), int(match["line"])) if match else None
    path = step.get("path") if isinstance(step, dict) else getattr(step, "path", None)
    line = step.get("line") if isinstance(step, dict) else getattr(step, "line", None)
    if isinstance(path, str) and isinstance(line, int) and not isinstance(line, bool):
        return Site(real(path), line)
    return None


def finding_site(diagnostic: Diagnostic) -> Site:
    return Site(real(diagnostic.path), diagnostic.line)


def root_site(diagnostic: Diagnostic) -> Site | None:
    """Where the blocking call of a finding is: its ``root`` when the engine gives one as a
    place, else the last step of its trace (a finding reached through helpers), else None
    (the finding's own site is the blocking call)."""
    root = _step_site(getattr(diagnostic, "root", None))
    if root is not None:
        return root
    return _step_site(diagnostic.trace[-1]) if diagnostic.trace else None


class FindingIndex:
    """Findings by the sites of the calls they are about: where each is reported, and where
    its path through helpers ends. Matching many events against many findings costs one
    lookup per event."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self._at: dict[Site, list[Diagnostic]] = defaultdict(list)
        for d in diagnostics:
            for site in dict.fromkeys((finding_site(d), root_site(d))):
                if site is not None:
                    self._at[site].append(d)

    def touching(self, site: Site, families: Sequence[str]) -> list[Diagnostic]:
        """The findings of ``families`` (code prefixes) about the call at ``site``."""
        return [d for d in self._at.get(site, ()) if d.code.startswith(tuple(families))]

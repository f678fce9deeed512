"""The resolved settings of one run: command line over ``[tool.loopsafe]`` over defaults.

``config.py`` builds these from files and flags and validates them; the engine
only reads them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from loopsafe.linter import globs
from loopsafe.linter.constants import DEFAULT_MIN_CONFIDENCE
from loopsafe.linter.errors import UsageError

__all__ = ["Settings", "UsageError"]


@dataclass
class Settings:
    select: tuple[str, ...] = ("LS",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    # glob pattern -> code prefixes ignored in matching files
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    # apply the exclusions to paths named on the command line too (pre-commit passes names)
    force_exclude: bool = False
    respect_gitignore: bool = True
    # extra qualified names to treat as blocking (rule LS109), and names never to flag
    blocking_calls: tuple[str, ...] = ()
    safe_calls: tuple[str, ...] = ()
    min_confidence: str = DEFAULT_MIN_CONFIDENCE  # findings less sure are not reported
    # types whose every public method blocks (LS109), and what project-external factories return
    blocking_types: tuple[str, ...] = ()
    returns: dict[str, str] = field(default_factory=dict)
    jobs: int = 0  # 0: one per core
    cache: bool = True
    cache_dir: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    config_file: Path | None = None  # where the file settings came from, for --show-settings

    def enabled(self, code: str) -> bool:
        """Whether ``code`` is selected: the longest matching prefix wins, ignore on a tie."""
        chosen = max((len(p) for p in self.select + self.extend_select if code.startswith(p)),
                     default=-1)
        ignored = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        return chosen >= 0 and chosen > ignored

    def relative_path(self, path: str | Path) -> str:
        """``path`` relative to the project root, with ``/``: how patterns and baselines see it.

        A path outside the root stays absolute, so only name patterns (no slash) can match it.
        """
        absolute = Path(os.path.abspath(path))
        try:
            return absolute.relative_to(os.path.abspath(self.root)).as_posix()
        except ValueError:
            return absolute.as_posix()

    def ignored_for(self, path: str | Path, code: str) -> bool:
        """Whether a ``per-file-ignores`` entry whose pattern matches ``path`` covers ``code``."""
        if not self.per_file_ignores:
            return False
        rel = self.relative_path(path)
        return any(code.startswith(prefix)
                   for pattern, prefixes in self.per_file_ignores.items()
                   if globs.matches(pattern, rel) for prefix in prefixes)

    def excluded(self, path: str | Path, below: str | Path | None = None) -> bool:
        """Whether an ``exclude`` or ``extend-exclude`` pattern matches ``path`` or a folder
        above it; with ``below`` (a folder named on the command line), only the part of the
        path under that folder counts, so naming an excluded folder checks it (as ruff)."""
        patterns = self.exclude + self.extend_exclude
        if not patterns:
            return False
        rel = self.relative_path(path)
        start = 0
        if below is not None:
            named = self.relative_path(below)
            start = 0 if named == "." else named.count("/") + 1
        return any(globs.matches(pattern, rel, start) for pattern in patterns)

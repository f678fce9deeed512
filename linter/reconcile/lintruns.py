"""The linter's answers reconcile needs, each computed once and only when asked.

Only the engine's public entry points are used (``lint_paths``, the ``Diagnostic``
fields), so a change inside the analysis does not reach here. Every run after the
first reads the per-file facts from the cache the first one wrote (they do not
depend on the settings changed here), so it costs the project pass only.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import Iterable, Sequence

from loopsafe.linter import baseline
from loopsafe.linter.diagnostics import Diagnostic
from loopsafe.linter.discovery import iter_python_files
from loopsafe.linter.settings import Settings
from loopsafe.linter.sources import SourceCache

from .sites import real


class LintRuns:
    def __init__(self, paths: Sequence[str], settings: Settings, baseline_file: Path | None = None):
        self.paths = list(paths) or ["."]
        self.settings = settings
        self.baseline_file = baseline_file
        # read first: a bad baseline is a usage error before any work
        self._known = baseline.load(baseline_file) if baseline_file else None

    def _lint(self, settings: Settings) -> list[Diagnostic]:
        from loopsafe.linter.engine import lint_paths  # the analysis: only once a lint runs

        return list(lint_paths(self.paths, settings).diagnostics)

    @cached_property
    def checked_files(self) -> frozenset[str]:
        """Real paths of the files the linter reads."""
        return frozenset(real(p) for p in iter_python_files(self.paths, self.settings))

    @property
    def files(self) -> int:
        return len(self.checked_files)

    @cached_property
    def _all(self) -> list[Diagnostic]:
        return self._lint(self.settings)

    @cached_property
    def findings(self) -> list[Diagnostic]:
        """What ``loopsafe check`` reports (less the baseline's findings, with ``--baseline``)."""
        if self._known is None:
            return self._all
        return baseline.new_findings(self._all, self._known, self.settings, SourceCache())

    @cached_property
    def baselined(self) -> list[Diagnostic]:
        """The findings the baseline hides."""
        shown = {id(d) for d in self.findings}
        return [d for d in self._all if id(d) not in shown]

    @cached_property
    def unfiltered(self) -> list[Diagnostic]:
        """The findings with every rule selected and no ``per-file-ignores`` or ``safe-calls``:
        what those settings hide shows up here (``# noqa`` still applies)."""
        return self._lint(replace(self.settings, select=("LS",), ignore=(), extend_select=(),
                                  per_file_ignores={}, safe_calls=()))

    def with_blocking_calls(self, entries: Iterable[str]) -> list[Diagnostic]:
        """The findings once ``entries`` are added to ``blocking-calls``."""
        added = tuple(e for e in sorted(set(entries)) if e not in self.settings.blocking_calls)
        return self._lint(replace(self.settings,
                                  blocking_calls=self.settings.blocking_calls + added))

"""Runs a check: which files, whether the last result still stands, and otherwise the
analysis (``pipeline``), with the garbage collector off.

Nothing heavy is imported here: a run over an unchanged tree finds its files, stats them,
reads one cached result and is done, without loading libcst or the rules.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Sequence

from . import folders, stamps
from .cache import ResultCache, code_fingerprint
from .constants import CACHE_DIR
from .diagnostics import Diagnostic, display_path
from .discovery import iter_python_files
from .settings import Settings
from .stamps import Stamps

if TYPE_CHECKING:
    from .warm import Inputs

__all__ = ["LintResult", "display_path", "lint_paths", "lint_source"]

# settings that cannot change a result
_RUN_ONLY = frozenset({"jobs", "cache", "cache_dir", "config_file"})


@dataclass
class LintResult:
    diagnostics: list[Diagnostic]
    files: int
    # every file read (the reported ones and their context): what the result stands on
    stamps: Stamps | None = None


@contextmanager
def _no_gc() -> Iterator[None]:
    """The analysis makes millions of small objects that live until the end, and few
    cycles: the cyclic collector finds nothing and costs 17-31% of a cold run, about half
    of a warm one. Reference counting still frees everything else."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def lint_paths(paths: Sequence[str | Path], settings: Settings, seen: Inputs | None = None) -> LintResult:
    """The findings of the files under ``paths``, each checked with the whole project's
    knowledge: the project root's other files are analysed too (from the cache when it
    is warm) so that a call into them is followed, and only the named files are reported.
    A pre-commit run on one file gives it the findings a run on the whole project gives it.
    ``seen`` records which folders and configuration the file list depended on."""
    files = [str(p) for p in iter_python_files(paths, settings, seen)]
    context = _project_context(paths, files, settings, seen)
    results = _result_cache(settings, files, context)
    taken = None
    if results is not None:
        found = results.get(files + context)
        if found is not None:
            return LintResult(*found)
        taken = stamps.take(files + context)
    with _no_gc():
        from . import pipeline

        facts, errors = pipeline.collect(files + context, settings)
        diagnostics = pipeline.finish(facts, errors, settings, {}, reported=len(files))
    if results is not None:
        results.put(taken, diagnostics, len(files))
    return LintResult(diagnostics, len(files), taken)


def _result_cache(settings: Settings, files: list[str], context: list[str]) -> ResultCache | None:
    if not settings.cache:
        return None
    directory = settings.cache_dir or settings.root / CACHE_DIR
    key = tuple((f.name, repr(getattr(settings, f.name))) for f in fields(settings) if f.name not in _RUN_ONLY)
    return ResultCache(directory, code_fingerprint(), (key, os.getcwd(), len(files), len(context)))


def _project_context(paths: Sequence[str | Path], files: list[str], settings: Settings,
                     seen: Inputs | None) -> list[str]:
    """The project root's files that ``files`` does not include, spelt as a walk from the
    working directory spells them (so that traces and the cache see one name per file);
    none when a path given is the root or a folder above it."""
    root = Path(os.path.abspath(settings.root))
    if any(root.is_relative_to(os.path.abspath(p)) for p in paths):
        return []
    spelt = display_path(str(root))
    kind = folders.kind(spelt)
    if seen is not None:
        seen.kind(spelt, kind)
    if kind != "dir":
        return []
    named = {os.path.realpath(f) for f in files}
    return [str(f) for f in iter_python_files([spelt], settings, seen) if os.path.realpath(f) not in named]


def lint_source(source: bytes, path: str, settings: Settings) -> list[Diagnostic]:
    """One file's diagnostics, from its text (stdin, flake8): calls into other
    files are not followed."""
    from . import pipeline

    with _no_gc():
        facts, error_at = pipeline.file_facts(path, pipeline.module_name(Path(path)), source, None)
        errors = {path: error_at} if facts.error else {}
        return pipeline.finish([facts], errors, settings, {path: source})

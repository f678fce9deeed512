"""Matching a finding to a runtime call site: its own place, or the end of its path through
helpers -- the engine's ``root`` when it gives one (a step or a place), else the trace."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import pytest

from loopsafe.linter.diagnostics import Diagnostic
from loopsafe.linter.reconcile.sites import FindingIndex, PathResolver, Site, real, root_site


@dataclass
class Rooted(Diagnostic):
    """A finding as an engine that reports ``root`` writes it."""

    root: Any = None


def _finding(**more) -> Diagnostic:
    return Rooted("LS101", "m", "pkg/a.py", 9, 5, 9, 12, **more)


@pytest.mark.parametrize("root", ["pkg/b.py:4 time.sleep()", {"path": "pkg/b.py", "line": 4},
                                  Site("pkg/b.py", 4)])
def test_the_root_in_any_spelling_is_the_site_of_the_blocking_call(tmp_path, monkeypatch, root):
    monkeypatch.chdir(tmp_path)
    finding = _finding(root=root, trace=["pkg/a.py:9 helper()", "pkg/c.py:1 other()"])
    assert root_site(finding) == Site(real("pkg/b.py"), 4)
    index = FindingIndex([finding, _finding(trace=[])])
    assert index.touching(Site(real("pkg/b.py"), 4), ["LS1"]) == [finding]
    assert len(index.touching(Site(real("pkg/a.py"), 9), ["LS1"])) == 2
    assert index.touching(Site(real("pkg/a.py"), 9), ["LS2"]) == []
    assert index.touching(Site(real("pkg/c.py"), 1), ["LS1"]) == []


def test_without_a_root_the_trace_ends_at_the_blocking_call(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    finding = _finding(root="time.sleep", trace=["pkg/a.py:9 helper()", "pkg/b.py:4 time.sleep()"])
    assert root_site(finding) == Site(real("pkg/b.py"), 4)
    assert root_site(_finding()) is None


def test_report_paths_resolve_under_the_first_base_that_has_the_file(tmp_path):
    (tmp_path / "root/app").mkdir(parents=True)
    (tmp_path / "cwd/tests").mkdir(parents=True)
    (tmp_path / "root/app/a.py").write_text("")
    (tmp_path / "cwd/tests/t.py").write_text("")
    resolver = PathResolver([tmp_path / "root", tmp_path / "cwd", tmp_path / "root"])
    assert resolver.resolve("app/a.py") == real(tmp_path / "root/app/a.py")
    assert resolver.resolve("tests/t.py") == real(tmp_path / "cwd/tests/t.py")
    assert resolver.resolve("gone.py") == real(tmp_path / "root/gone.py")
    assert resolver.resolve(str(tmp_path / "cwd/tests/t.py")) == real(tmp_path / "cwd/tests/t.py")


def test_symlinked_folders_compare_equal(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real/a.py").write_text("")
    os.symlink(tmp_path / "real", tmp_path / "link")
    assert PathResolver([tmp_path / "link"]).site("a.py", 3) == Site(real(tmp_path / "real/a.py"), 3)

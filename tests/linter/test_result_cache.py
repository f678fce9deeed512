"""The whole-result cache: a run over unchanged files answers from it, and any change a
result depends on (a file's content, the settings, which files are named) misses it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from loopsafe.linter import engine
from loopsafe.linter.settings import Settings

SLEEPY = "import time\n\nasync def poll():\n    time.sleep(1)\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "a.py").write_text(SLEEPY)
    (tmp_path / "b.py").write_text("def helper():\n    return 1\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def analyses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the analysis ran."""
    from loopsafe.linter import pipeline

    runs: list[int] = []
    collect = pipeline.collect
    monkeypatch.setattr(pipeline, "collect", lambda files, settings: runs.append(len(files)) or collect(files, settings))
    return runs


def lint(project: Path, *paths: str, **settings) -> list[tuple[str, int, str]]:
    result = engine.lint_paths(list(paths) or ["."], Settings(root=project, **settings))
    return [(d.path, d.line, d.code) for d in result.diagnostics]


def test_an_unchanged_tree_is_answered_from_the_cache(project: Path, analyses: list[int]) -> None:
    first = lint(project)
    assert lint(project) == first == [("a.py", 4, "LS101")]
    assert analyses == [2]


def test_a_touched_file_with_the_same_content_still_hits(project: Path, analyses: list[int]) -> None:
    lint(project)
    stat = os.stat(project / "a.py")
    os.utime(project / "a.py", ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert lint(project) == [("a.py", 4, "LS101")]
    assert lint(project) == [("a.py", 4, "LS101")]
    assert analyses == [2]


def test_an_edit_misses(project: Path, analyses: list[int]) -> None:
    lint(project)
    (project / "a.py").write_text(SLEEPY.replace("time.sleep(1)", "time.sleep(1)  # noqa"))
    assert lint(project) == []
    assert analyses == [2, 2]


def test_a_new_file_settings_and_naming_miss(project: Path, analyses: list[int]) -> None:
    lint(project)
    (project / "c.py").write_text(SLEEPY)
    assert lint(project) == [("a.py", 4, "LS101"), ("c.py", 4, "LS101")]
    assert lint(project, select=("LS2",)) == []
    assert lint(project, "a.py") == [("a.py", 4, "LS101")]
    assert analyses == [2, 3, 3, 3]


def test_no_cache_means_no_result_cache(project: Path, analyses: list[int]) -> None:
    lint(project, cache=False)
    lint(project, cache=False)
    assert analyses == [2, 2]
    assert not (project / ".loopsafe_cache").exists()

"""Facts read from the cache are the facts the analysis gives: for real files, whether they
come from a worker, from this process or from the cache, and after one file changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loopsafe.linter import pipeline
from loopsafe.linter.analysis import codec
from loopsafe.linter.settings import Settings

CORPUS = Path(__file__).parents[2] / "bench" / "corpus"
SNIPPETS = Path(__file__).parent / "snippets"


@pytest.mark.parametrize("path", sorted(SNIPPETS.glob("*.py")), ids=lambda p: p.name)
def test_a_file_s_facts_survive_the_encoding(path: Path) -> None:
    facts, _ = pipeline.file_facts(str(path), "snippet", path.read_bytes(), None)
    assert facts.error is None and facts.calls
    assert codec.decode(codec.encode(facts)) == facts


def _collect(folder: Path, cache: Path | None, jobs: int) -> list:
    settings = Settings(root=folder, cache=cache is not None, cache_dir=cache, jobs=jobs)
    files = sorted(str(p) for p in folder.rglob("*.py"))
    facts, _ = pipeline.collect(files, settings)
    return facts


@pytest.mark.parametrize("jobs", [1, 2])
def test_warm_facts_equal_cold_ones_and_a_changed_file_is_analysed_again(tmp_path: Path, jobs: int) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(CORPUS, tree)  # 56 files: enough for two workers
    cache = tmp_path / "cache"
    cold = _collect(tree, None, jobs)
    assert _collect(tree, cache, jobs) == cold  # fills the cache
    assert _collect(tree, cache, jobs) == cold  # read from it
    edited = tree / "background_jobs.py"
    edited.write_text(edited.read_text() + "\n\nasync def added():\n    open('x')\n")
    warm = _collect(tree, cache, jobs)
    assert warm == _collect(tree, None, jobs)
    changed = next(f for f in warm if f.path == str(edited))
    assert any(f.qualname.endswith(".added") for f in changed.functions)

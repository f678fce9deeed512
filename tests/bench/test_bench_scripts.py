"""Smoke tests of the benchmark scripts: they find the markers, score a tool against them and
print their tables. Speed is measured by bench/linter_speed.py itself, never asserted here."""

from __future__ import annotations

import importlib
import sysconfig
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"

CORPUS_FILE = '''\
import asyncio
import time


async def slow():
    time.sleep(1)  # expect: LS1


async def fine():
    await asyncio.sleep(1)
'''


@pytest.fixture
def bench(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    return lambda name: importlib.import_module(name)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "pkg").mkdir(parents=True)
    (folder / "pkg" / "app.py").write_text(CORPUS_FILE)
    return folder


def test_markers_are_read_per_file_line_and_family(bench, corpus):
    (corpus / "two.py").write_text("x = 1  # expect: LS2, LS3\n")
    assert bench("linter_accuracy").expected(corpus) == {
        ("pkg/app.py", 6, "LS1"),
        ("two.py", 1, "LS2"),
        ("two.py", 1, "LS3"),
    }


def test_unknown_family_in_a_marker_is_an_error_naming_the_line(bench, corpus):
    (corpus / "bad.py").write_text("x = 1  # expect: LS4\n")
    with pytest.raises(SystemExit, match=r"bad.py:1: unknown family 'LS4'"):
        bench("linter_accuracy").expected(corpus)


def test_peer_codes_map_onto_families(bench):
    tools = bench("linter_tools")
    assert tools.ruff().family("ASYNC251") == "LS1"
    assert tools.flake8().family("ASYNC910") is None
    assert tools.loopsafe().family("LS203") == "LS2"
    assert tools.loopsafe().family("LS001") is None


def test_accuracy_scores_loopsafe_on_a_small_corpus(bench, corpus, capsys):
    status = bench("linter_accuracy").main(["--corpus", str(corpus), "--tools", "loopsafe", "--show"])
    out = capsys.readouterr().out
    assert status == 0, out
    assert "corpus: 1 files, 1 marked findings (LS1 1, LS2 0, LS3 0)" in out
    row = next(line for line in out.splitlines() if line.startswith("loopsafe") and " LS1 " in line)
    assert row.split()[2:] == ["1", "0", "0", "1.00", "1.00"]


def test_accuracy_rejects_an_unknown_tool(bench, corpus, capsys):
    with pytest.raises(SystemExit):
        bench("linter_accuracy").main(["--corpus", str(corpus), "--tools", "pylint"])
    assert "unknown tool(s) pylint" in capsys.readouterr().err


def test_stdlib_subset_leaves_out_site_packages(bench):
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    files = bench("linter_speed").stdlib_files(stdlib, ["json"])
    assert files and all(f.parts[0] == "json" for f in files)
    everything = bench("linter_speed").stdlib_files(stdlib, None)
    assert Path("asyncio/events.py") in everything
    assert not any("site-packages" in f.parts or "__pycache__" in f.parts for f in everything)


def test_speed_runs_the_four_scenarios_on_a_subset(bench, capsys):
    status = bench("linter_speed").main(["--subset", "json,mimetypes", "--runs", "1", "--skip", "ruff,hydroid-cli"])
    out = capsys.readouterr().out
    assert status == 0, out
    scenarios = [line[:27].strip() for line in out.splitlines() if line[27:49].strip() == "loopsafe"]
    assert scenarios == ["cold --jobs 2", "warm, no change", "one file edited", "one file edited and named"]
    assert "the cross-module finding of the edited coroutine is reported" in out

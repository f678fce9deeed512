"""Smoke tests of the real-world benchmark: a tiny fake project, packed as an sdist in a cache
folder (so nothing is downloaded), is unpacked, checked by loopsafe, tabled and scored against
stored verdicts. Precision on real projects is measured by bench/realworld.py itself."""

from __future__ import annotations

import importlib
import io
import json
import tarfile
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"

APP = '''\
import time


async def slow():
    time.sleep(1)


async def fine():
    helper()


def helper():
    time.sleep(2)
'''

TEST = '''\
import time


async def test_waits():
    time.sleep(0.1)
'''


@pytest.fixture
def rw(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    return importlib.import_module("realworld")


def write_sdist(folder: Path, name: str, version: str, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-{version}.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        for rel, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(f"{name}-{version}/{rel}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


@pytest.fixture
def bench_dirs(tmp_path):
    """A pins file naming one tuning and one held-out project, both already in the cache."""
    cache = tmp_path / "cache"
    write_sdist(cache / "sdists", "fake_app", "1.0", {"pkg/app.py": APP, "tests/test_app.py": TEST})
    write_sdist(cache / "sdists", "other", "2.0", {"other.py": "x = 1\n"})
    pins = tmp_path / "projects.toml"
    pins.write_text(
        '[[project]]\nname = "fake-app"\nversion = "1.0"\nset = "tuning"\n\n'
        '[[project]]\nname = "other"\nversion = "2.0"\nset = "heldout"\n'
    )
    verdicts = tmp_path / "verdicts"
    verdicts.mkdir()
    return cache, pins, verdicts


def verdict(path, line, code, root, kind, version="1.0"):
    return {"project": "fake-app", "version": version, "path": path, "line": line, "code": code, "root": root,
            "text": "", "verdict": kind, "reason": "because"}


def test_tests_are_told_apart_by_folder_and_file_name(rw):
    assert rw.in_tests("tests/test_x.py")
    assert rw.in_tests("src/pkg/testing/helpers.py")
    assert rw.in_tests("pkg/conftest.py")
    assert rw.in_tests("pkg/io_test.py")
    assert not rw.in_tests("pkg/contest.py")
    assert not rw.in_tests("pkg/attestation/check.py")


def test_root_is_read_from_the_report_or_the_trace_end(rw):
    assert rw.root_of({"trace": ["a.py:3 f()", "pkg/b.py:9 open()"]}) == "pkg/b.py:9"
    assert rw.root_of({"trace": [], "root": "pkg/c.py:4 time.sleep()"}) == "pkg/c.py:4"
    assert rw.root_of({"trace": ["a.py:3 f()"], "root": {"path": "./d.py", "line": 7}}) == "d.py:7"
    assert rw.root_of({"trace": []}) == ""


def test_sdist_names_are_matched_normalised(rw, tmp_path):
    write_sdist(tmp_path, "discord_py", "2.7.1", {"a.py": ""})
    project = rw.Project("discord.py", "2.7.1", "tuning")
    assert rw.find_sdist(project, tmp_path).name == "discord_py-2.7.1.tar.gz"
    assert rw.find_sdist(rw.Project("discord.py", "2.7", "tuning"), tmp_path) is None


def test_bad_pins_are_errors_naming_the_entry(rw, tmp_path):
    pins = tmp_path / "p.toml"
    pins.write_text('[[project]]\nname = "x"\nversion = "1"\nset = "training"\n')
    with pytest.raises(SystemExit, match=r"project 1 \(x\): set must be one of tuning, heldout"):
        rw.load_projects(pins)


def test_a_bad_verdict_is_an_error_naming_it(rw, tmp_path):
    path = tmp_path / "v.json"
    path.write_text(json.dumps({"verdicts": [verdict("a.py", 3, "LS101", "", "maybe")]}))
    with pytest.raises(SystemExit, match=r"verdict 0 \(a.py:3\): verdict must be one of real, wrong, debatable"):
        rw.load_verdicts(path)


def test_the_table_counts_findings_per_family_and_place(rw, bench_dirs, capsys):
    cache, pins, verdicts = bench_dirs
    status = rw.main(["--pins", str(pins), "--cache", str(cache), "--set", "tuning", "--tools", "loopsafe"])
    out = capsys.readouterr().out
    assert status == 0, out
    row = next(line for line in out.splitlines() if line.startswith("fake-app-1.0 [t]"))
    # findings LS1 LS2 LS3 other tests outside roots: two direct sleeps (one in a test) and the
    # helper's sleep reached from fine(); three distinct roots.
    assert row.split()[4:11] == ["3", "3", "0", "0", "0", "1", "2"]
    assert row.split()[11] == "3"
    assert (cache / "src" / "fake-app-1.0" / ".complete").exists()
    assert len(list((cache / "runs").glob("*/fake-app-1.0.json"))) == 1  # kept per loopsafe install


def test_score_matches_verdicts_and_lists_what_moved(rw, bench_dirs, capsys):
    cache, pins, verdicts = bench_dirs
    (verdicts / "verdicts.json").write_text(json.dumps({"verdicts": [
        verdict("pkg/app.py", 5, "LS101", "", "real"),
        verdict("pkg/app.py", 9, "LS101", "pkg/app.py:13", "wrong"),
        verdict("tests/test_app.py", 5, "LS101", "", "debatable"),
        verdict("pkg/app.py", 99, "LS101", "", "real"),  # no longer reported
        verdict("pkg/app.py", 5, "LS101", "", "real", version="0.9"),  # another version: ignored
    ]}))
    status = rw.main(["--pins", str(pins), "--cache", str(cache), "--verdicts", str(verdicts), "--score"])
    out = capsys.readouterr().out
    assert status == 0, out
    lines = out.splitlines()
    overall = next(line for line in lines if line.startswith("overall"))
    outside = next(line for line in lines if line.startswith("outside tests"))
    # findings real wrong debatable unjudged precision strict
    assert overall.split()[1:] == ["3", "1", "1", "1", "0", "0.50", "0.33"]
    assert outside.split()[2:] == ["2", "1", "1", "0", "0", "0.50", "0.50"]
    assert "judged real still reported: 1/2 (50%)" in out
    assert "real finding no longer reported (recall loss): fake-app pkg/app.py:99 LS101" in out
    assert "wrong finding still reported: fake-app pkg/app.py:9 LS101" in out
    assert "== heldout set (1 projects, verdicts-heldout.json) ==" in out  # scored apart, here nothing


def test_a_moved_root_still_matches_when_the_verdicts_agree(rw, bench_dirs, capsys):
    cache, pins, verdicts = bench_dirs
    (verdicts / "verdicts.json").write_text(json.dumps({"verdicts": [
        verdict("pkg/app.py", 9, "LS101", "pkg/old.py:1", "wrong"),
    ]}))
    rw.main(["--pins", str(pins), "--cache", str(cache), "--verdicts", str(verdicts), "--score", "--set", "tuning"])
    out = capsys.readouterr().out
    assert "1 findings matched a verdict on (path, line, code) only" in out
    assert next(line for line in out.splitlines() if line.startswith("overall")).split()[1:6] == ["3", "0", "1", "0", "2"]


def test_unjudged_findings_are_dumped_for_judging(rw, bench_dirs, tmp_path, capsys):
    cache, pins, verdicts = bench_dirs
    target = tmp_path / "todo.json"
    rw.main(["--pins", str(pins), "--cache", str(cache), "--verdicts", str(verdicts), "--set", "tuning",
             "--dump-unjudged", str(target)])
    dumped = json.loads((tmp_path / "todo-tuning.json").read_text())
    assert {(d["path"], d["line"], d["text"]) for d in dumped} == {
        ("pkg/app.py", 5, "time.sleep(1)"), ("pkg/app.py", 9, "helper()"), ("tests/test_app.py", 5, "time.sleep(0.1)")}
    assert next(d for d in dumped if d["line"] == 9)["trace"]


def test_a_failed_download_is_recorded_and_the_run_goes_on(rw, bench_dirs, monkeypatch, capsys):
    cache, pins, verdicts = bench_dirs
    pins.write_text(pins.read_text() + '\n[[project]]\nname = "missing"\nversion = "1"\nset = "tuning"\n')

    def no_network(project, cache):
        raise RuntimeError("pip download failed: no such version")

    real_download = rw.download
    monkeypatch.setattr(rw, "download", lambda p, c: real_download(p, c) if p.name != "missing" else no_network(p, c))
    status = rw.main(["--pins", str(pins), "--cache", str(cache), "--set", "tuning", "--tools", "loopsafe"])
    out = capsys.readouterr().out
    assert status == 1
    assert "problem: missing-1: sources: pip download failed: no such version" in out
    assert any(line.startswith("fake-app-1.0 [t]") for line in out.splitlines())


def test_a_crashed_loopsafe_is_recorded_and_its_real_findings_count_as_lost(rw, bench_dirs, tmp_path, capsys):
    cache, pins, verdicts = bench_dirs
    (verdicts / "verdicts.json").write_text(json.dumps({"verdicts": [verdict("pkg/app.py", 5, "LS101", "", "real")]}))
    crasher = tmp_path / "loopsafe-crash"
    crasher.write_text("#!/bin/sh\nexit 1\n")  # empty output and exit 1, as one real run did
    crasher.chmod(0o755)
    status = rw.main(["--pins", str(pins), "--cache", str(cache), "--verdicts", str(verdicts), "--score",
                      "--set", "tuning", "--loopsafe", str(crasher)])
    out = capsys.readouterr().out
    assert status == 1
    assert "problem: fake-app-1.0: loopsafe: unreadable report" in out
    assert "judged real still reported: 0/1 (0%)" in out


def test_reuse_scores_the_reports_saved_by_the_same_install(rw, bench_dirs, tmp_path, capsys):
    cache, pins, verdicts = bench_dirs
    (verdicts / "verdicts.json").write_text(json.dumps({"verdicts": [verdict("pkg/app.py", 5, "LS101", "", "real")]}))
    args = ["--pins", str(pins), "--cache", str(cache), "--verdicts", str(verdicts), "--score", "--set", "tuning"]
    rw.main(args)
    fresh = capsys.readouterr().out
    rw.main(args + ["--reuse"])
    assert capsys.readouterr().out == fresh
    with pytest.raises(SystemExit, match="no saved loopsafe report to reuse"):
        rw.main(args + ["--reuse", "--loopsafe", str(tmp_path / "another-install")])

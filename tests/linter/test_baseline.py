"""Baselines hide known findings, survive code moving around them, and count duplicates."""

import json
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from loopsafe.linter import baseline
from loopsafe.linter.baseline import BaselineError
from loopsafe.linter.settings import Settings
from loopsafe.linter.sources import SourceCache

from .interface_helpers import diag

SOURCE = "import time\n\n\nasync def fetch():\n    time.sleep(1)\n    time.sleep(1)\n    time.sleep(2)\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg/a.py").write_text(SOURCE)
    return Settings(root=tmp_path)


def findings(lines=(5, 6, 7)):
    return [diag(line=n) for n in lines]


def test_round_trip_hides_everything(project, tmp_path):
    baseline.write(tmp_path / "b.json", findings(), project, SourceCache())
    known = baseline.load(tmp_path / "b.json")
    assert baseline.new_findings(findings(), known, project, SourceCache()) == []


def test_file_is_readable_and_stable(project, tmp_path):
    baseline.write(tmp_path / "b.json", list(reversed(findings())), project, SourceCache())
    document = json.loads((tmp_path / "b.json").read_text())
    assert document["version"] == 1
    assert [(f["code"], f["path"], f["line"]) for f in document["findings"]] == \
        [("LS101", "pkg/a.py", 5), ("LS101", "pkg/a.py", 6), ("LS101", "pkg/a.py", 7)]
    # two identical lines share a fingerprint and are counted
    assert len({f["fingerprint"] for f in document["findings"]}) == 2


def test_line_shifts_do_not_make_findings_new(project, tmp_path):
    baseline.write(tmp_path / "b.json", findings(), project, SourceCache())
    (tmp_path / "pkg/a.py").write_text("# a new comment\n\n" + SOURCE)
    shifted = findings((7, 8, 9))
    assert baseline.new_findings(shifted, baseline.load(tmp_path / "b.json"), project,
                                 SourceCache()) == []


def test_a_new_copy_of_a_known_line_is_reported(project, tmp_path):
    baseline.write(tmp_path / "b.json", findings((5, 7)), project, SourceCache())
    fresh = baseline.new_findings(findings(), baseline.load(tmp_path / "b.json"), project,
                                  SourceCache())
    assert [d.line for d in fresh] == [6]


def test_changed_line_or_other_code_is_new(project, tmp_path):
    baseline.write(tmp_path / "b.json", findings((5,)), project, SourceCache())
    (tmp_path / "pkg/a.py").write_text(SOURCE.replace("sleep(1)", "sleep(10)", 1))
    known = baseline.load(tmp_path / "b.json")
    assert len(baseline.new_findings(findings((5,)), known, project, SourceCache())) == 1
    assert len(baseline.new_findings([diag(code="LS104", line=5)], known, project,
                                     SourceCache())) == 1


def test_paths_are_relative_to_the_root(project, tmp_path, monkeypatch):
    baseline.write(tmp_path / "b.json", findings(), project, SourceCache())
    monkeypatch.chdir(tmp_path / "pkg")
    from_inside = [diag(path="a.py", line=n) for n in (5, 6, 7)]
    assert baseline.new_findings(from_inside, baseline.load(tmp_path / "b.json"), project,
                                 SourceCache()) == []


@pytest.mark.parametrize("content, message", [
    ("{not json", r"not a baseline file \(invalid JSON"),
    ('{"version": 2, "findings": []}', "not a loopsafe baseline"),
    ('{"version": 1, "findings": [{"code": "LS101"}]}', "not a loopsafe baseline"),
    ("[]", "not a loopsafe baseline"),
])
def test_bad_files(tmp_path, content, message):
    (tmp_path / "b.json").write_text(content)
    with pytest.raises(BaselineError, match=message):
        baseline.load(tmp_path / "b.json")


def test_missing_file(tmp_path):
    with pytest.raises(BaselineError, match=r"b\.json: cannot read baseline"):
        baseline.load(tmp_path / "b.json")


# The fixture's file never changes and each example rewrites the baseline, so sharing it is safe.
@hypothesis_settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(picks=st.lists(st.tuples(st.integers(0, 2), st.booleans()), max_size=12))
def test_reports_exactly_what_the_baseline_does_not_cover(project, tmp_path, picks):
    lines = [5, 6, 7]
    current = [diag(line=lines[i]) for i, _ in picks]
    recorded = [d for d, (_, keep) in zip(current, picks) if keep]
    baseline.write(tmp_path / "b.json", recorded, project, SourceCache())
    fresh = baseline.new_findings(current, baseline.load(tmp_path / "b.json"), project,
                                  SourceCache())
    # lines 5 and 6 read the same, so they stand for one another
    text = {5: "a", 6: "a", 7: "b"}
    assert Counter(text[d.line] for d in fresh) == \
        Counter(text[d.line] for d in current) - Counter(text[d.line] for d in recorded)

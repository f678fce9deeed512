"""A report reconcile cannot read is a usage error (exit 2) that names the file and the
problem, before anything is linted; never a traceback."""

from __future__ import annotations

import json

import pytest

from .helpers import event, reconcile, report


def _written(tmp_path, text: str):
    path = tmp_path / "report.json"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "problem"), [
    ("{not json", "not a runtime report (invalid JSON: "),
    ("[1, 2]", "not a runtime report (expected an object with 'version' and 'events'"),
    ('{"version": 1, "diagnostics": []}', "not a runtime report (expected an object"),
    ('{"version": 2, "events": []}', "runtime report version 2 is not supported (expected 1)"),
    ('{"events": []}', "runtime report version None is not supported (expected 1)"),
    ('{"version": 1, "events": {}}', "'events' must be an array, got dict"),
    ('{"version": 1, "events": [7]}', "event 0: expected an object, got 7"),
    ('{"version": 1, "events": [{"message": "x"}]}', "event 0: 'kind' must be a non-empty string, got None"),
    ('{"version": 1, "events": [{"kind": "blocking-call", "stack": ["app.py 3"]}]}',
     "event 0 stack[0]: expected 'path:line function', got 'app.py 3'"),
    ('{"version": 1, "events": [{"kind": "blocking-call", "location": {"path": "a.py"}}]}',
     "event 0 location: expected 'path' (a string), 'line' (an integer) and 'function'"),
    ('{"version": 1, "events": [{"kind": "blocking-call", "call": 3}]}', "event 0: 'call' must be a string"),
    ('{"version": 1, "events": [{"kind": "blocking-call", "outside": "x"}]}',
     "event 0: 'outside' must be an array"),
])
def test_a_malformed_report_is_a_usage_error(tmp_path, monkeypatch, capsys, text, problem):
    monkeypatch.chdir(tmp_path)
    path = _written(tmp_path, text)
    status, out, err = reconcile(capsys, str(path))
    assert (status, out) == (2, "")
    assert err.startswith(f"loopsafe: error: {path}: {problem}"), err
    assert err.count("\n") == 1


def test_a_missing_report_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    status, out, err = reconcile(capsys, "nowhere.json")
    assert (status, out, err) == (
        2, "", "loopsafe: error: nowhere.json: cannot read the runtime report: No such file or directory\n")


def test_a_binary_file_is_not_a_report(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.json").write_bytes(b"\xff\xfe\x00garbage")
    status, _, err = reconcile(capsys, "r.json")
    assert status == 2 and err.startswith("loopsafe: error: r.json: not a runtime report (not UTF-8 text")


def test_an_event_kind_this_version_does_not_know_is_kept_as_runtime_only(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text("x = 1\n")
    path = report(tmp_path, event("leaked-future", at=("a.py", 1, "<module>")))
    status, out, _ = reconcile(capsys, str(path), "--format", "json")
    assert status == 0
    assert json.loads(out)["events"][0]["status"] == "runtime-only"


def test_a_missing_path_and_a_bad_baseline_are_usage_errors(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    path = report(tmp_path)
    status, _, err = reconcile(capsys, str(path), "nowhere")
    assert (status, err) == (2, "loopsafe: error: nowhere: no such file or directory\n")
    (tmp_path / "b.json").write_text("{}")
    status, _, err = reconcile(capsys, str(path), "--baseline", "b.json")
    assert status == 2 and err.startswith("loopsafe: error: b.json: not a loopsafe baseline")

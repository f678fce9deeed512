"""Reconcile's formats: text for people, SARIF and GitHub annotations with a level per
status (written by the linter's own reporters), and the JSON event keeping the report's."""

from __future__ import annotations

import json

from .helpers import event, frame, line_of, reconcile, report
from .test_classify import CALLS, TEST, at, sdk_frame


def _events(project, sdk):
    sleep = at(project, "helper-sleep", "helper")
    return report(project,
                  event(at=at(project, "direct", "direct")),
                  event(at=at(project, "sdk", "sdk"), test="tests/test_app.py::test_b",
                        outside=[sdk_frame(sdk, "sdk-sleep", "vendorlib.client", "fetch_quota")]),
                  event(at=(CALLS, line_of(project / CALLS, "noqa: LS101"), "silenced")),
                  event("loop-lag", at=at(project, "cpu", "cpu")),
                  event(at=sleep, stack=[frame(TEST, 5, "test_a"),
                                         frame(*at(project, "through-helper", "through_helper")),
                                         frame(*sleep)]))


def test_text(project, sdk, capsys):
    status, out, err = reconcile(capsys, str(_events(project, sdk)), "--no-cache")
    direct, sdk_line = line_of(project / CALLS, "direct"), line_of(project / CALLS, "sdk")
    noqa, cpu = line_of(project / CALLS, "noqa: LS101"), line_of(project / CALLS, "cpu")
    helper = line_of(project / CALLS, "helper-sleep")
    through = line_of(project / CALLS, "through-helper")
    assert (status, err) == (1, "")
    assert out.splitlines() == [
        f"{CALLS}:{direct}: confirmed blocking-call in tests/test_app.py::test_a",
        "    time.sleep held the event loop for 0.300s",
        f"    the linter reports it: LS101 at {CALLS}:{direct}:5",
        f"{CALLS}:{sdk_line}: missed blocking-call in tests/test_app.py::test_b",
        "    time.sleep held the event loop for 0.300s",
        "    unknown API: `vendorlib.client.fetch_quota` is outside the checked paths and not in the "
        f"catalogue, so the linter cannot tell that the call at {CALLS}:{sdk_line} blocks; "
        "at runtime it called `time.sleep`",
        '    suggestion: [tool.loopsafe] blocking-calls = ["vendorlib.client.fetch_quota"]',
        f"{CALLS}:{noqa}: suppressed blocking-call in tests/test_app.py::test_a",
        "    time.sleep held the event loop for 0.300s",
        f"    `# noqa: LS101` at {CALLS}:{noqa} hides it",
        f"{CALLS}:{cpu}: lag loop-lag in tests/test_app.py::test_a",
        f"    loop-lag at {CALLS}:{cpu}",
        f"    no known blocking call was intercepted: the loop was held at {CALLS}:{cpu} "
        "(CPU-bound work or C code)",
        f"{CALLS}:{helper}: confirmed blocking-call in tests/test_app.py::test_a",
        "    time.sleep held the event loop for 0.300s",
        f"    the linter reports it: LS101 at {CALLS}:{through}:5",
        "5 runtime events: 2 confirmed, 1 missed, 1 suppressed, 1 lag (the linter read 3 files). "
        "1 blocking-calls entry suggested: --write-config adds it.",
    ]


def test_json_keeps_the_events_fields(project, sdk, capsys):
    path = _events(project, sdk)
    written = json.loads(path.read_text())["events"]
    status, out, _ = reconcile(capsys, str(path), "--no-cache", "--format", "json")
    document = json.loads(out)
    assert document["version"] == 1
    for before, after in zip(written, document["events"]):
        assert {k: after[k] for k in before} == before
        assert set(after) - set(before) == {"status", "reason", "suggestion", "findings"}


def test_sarif_levels_properties_and_regions(project, sdk, capsys):
    status, out, _ = reconcile(capsys, str(_events(project, sdk)), "--no-cache", "--format", "sarif")
    run = json.loads(out)["runs"][0]
    assert run["automationDetails"] == {"id": "loopsafe/runtime/"}
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["blocking-call", "loop-lag"]
    assert {r["helpUri"] for r in run["tool"]["driver"]["rules"]} == {
        "https://loopsafe.github.io/loopsafe/guides/ci/"}
    results = run["results"]
    fingerprints = [r["partialFingerprints"]["loopsafeFingerprint/v1"] for r in results]
    assert len(set(fingerprints)) == 5
    assert [(r["ruleId"], r["level"], r["properties"]["status"]) for r in results] == [
        ("blocking-call", "error", "confirmed"), ("blocking-call", "error", "missed"),
        ("blocking-call", "note", "suppressed"), ("loop-lag", "warning", "lag"),
        ("blocking-call", "error", "confirmed")]
    direct = results[0]
    assert direct["locations"][0]["physicalLocation"]["region"] == {
        "startLine": line_of(project / CALLS, "direct"), "startColumn": 5,
        "endLine": line_of(project / CALLS, "direct"), "endColumn": 18}
    assert direct["properties"]["linter"] == ["LS101"]
    assert direct["message"]["text"].startswith("confirmed at runtime: time.sleep held the event loop")
    missed = results[1]
    assert missed["properties"]["suggestion"]["entry"] == "vendorlib.client.fetch_quota"
    assert missed["message"]["text"].endswith(
        'Add to [tool.loopsafe]: blocking-calls = ["vendorlib.client.fetch_quota"]')
    # the user stack of the event leads to the call
    assert [loc["message"]["text"] for loc in results[4]["relatedLocations"]] == [
        "test_a", "through_helper", "helper"]


def test_github_annotations_by_status(project, sdk, capsys):
    status, out, _ = reconcile(capsys, str(_events(project, sdk)), "--no-cache", "--format", "github")
    lines = out.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == [
        "::error", "::error", "::notice", "::warning", "::error"]
    assert lines[1].startswith(f"::error file={CALLS},line={line_of(project / CALLS, 'sdk')},col=1,")
    assert "title=blocking-call::missed at runtime: " in lines[1]


def test_output_file(project, sdk, capsys):
    status, out, _ = reconcile(capsys, str(_events(project, sdk)), "--no-cache", "--output-file", "r.txt")
    assert out == "" and (project / "r.txt").read_text().startswith(f"{CALLS}:")
    status, _, err = reconcile(capsys, str(_events(project, sdk)), "--no-cache", "--output-file", "no/r.txt")
    assert status == 2 and err.startswith("loopsafe: error: no/r.txt: cannot write the output: ")


def test_events_without_a_location_are_left_out_of_annotations(project, capsys):
    path = report(project, {"kind": "leaked-thread", "message": "a thread", "location": None, "stack": []})
    status, out, _ = reconcile(capsys, str(path), "--no-cache", "--format", "github")
    assert (status, out) == (0, "")
    status, out, _ = reconcile(capsys, str(path), "--no-cache")
    assert out.splitlines()[0] == "runtime-only leaked-thread"


def test_a_runtime_alert_keeps_its_fingerprint_when_confirmed_and_when_lines_move(project, sdk, capsys):
    def sarif_result(line: int) -> dict:
        path = report(project, event(at=(CALLS, line, "sdk"), outside=[
            sdk_frame(sdk, "sdk-sleep", "vendorlib.client", "fetch_quota")]))
        status, out, _ = reconcile(capsys, str(path), "--no-cache", "--format", "sarif")
        [result] = json.loads(out)["runs"][0]["results"]
        return result

    line = line_of(project / CALLS, "sdk")
    missed = sarif_result(line)
    (project / "pyproject.toml").write_text(
        '[tool.loopsafe]\nexclude = ["vendored"]\nblocking-calls = ["vendorlib.client.fetch_quota"]\n')
    (project / CALLS).write_text("\n\n" + (project / CALLS).read_text())
    confirmed = sarif_result(line + 2)
    assert (missed["properties"]["status"], confirmed["properties"]["status"]) == ("missed", "confirmed")
    assert missed["partialFingerprints"] == confirmed["partialFingerprints"]


def test_the_stack_is_shown_from_the_working_folder(project, sdk, capsys, monkeypatch):
    sleep = at(project, "helper-sleep", "helper")
    path = report(project, event(at=sleep, stack=[
        frame(*at(project, "through-helper", "through_helper")), frame(*sleep)]))
    monkeypatch.chdir(project / "app")
    status, out, _ = reconcile(capsys, str(path), ".", "--no-cache", "--format", "sarif")
    [result] = json.loads(out)["runs"][0]["results"]
    assert [(r["physicalLocation"]["artifactLocation"]["uri"], r["physicalLocation"]["region"]["startLine"])
            for r in result["relatedLocations"]] == [
        ("calls.py", line_of(project / CALLS, "through-helper")), ("calls.py", sleep[1])]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "calls.py"

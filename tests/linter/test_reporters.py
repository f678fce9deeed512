"""Each format, exactly: text, the contract's JSON, SARIF 2.1.0, GitHub annotations."""

import json
import re
from types import SimpleNamespace

from hypothesis import given, strategies as st

from loopsafe.linter.reporters import Report, render

from .interface_helpers import SLEEP_MESSAGE, diag, replace

TRACE = ["pkg/a.py:9 helper()", "pkg/b.py:4 time.sleep()"]
THROUGH = "`fetch()` -> `helper()` -> `time.sleep()` blocks the event loop"
RULES = (SimpleNamespace(code="LS101", name="sleep-in-coroutine", summary="`time.sleep()` on the loop",
                         doc="## What it does\nx", fixable=True),
         SimpleNamespace(code="LS102", name="blocking-network-call", summary="network",
                         doc="## What it does\ny", fixable=False))


def report(**kwargs) -> Report:
    found = [diag(fix=replace(5, 5, 18, "await asyncio.sleep(1)")),
             diag(line=12, column=9, message=THROUGH, trace=TRACE)]
    return Report(**{"diagnostics": found, "files": 3, "elapsed": 0.25, "rules": RULES, **kwargs})


def test_text():
    assert render("text", report()) == (
        f"pkg/a.py:5:5: LS101 [*] {SLEEP_MESSAGE}\n"
        f"pkg/a.py:12:9: LS101 {THROUGH}\n"
        "    pkg/a.py:9 helper()\n"
        "    pkg/b.py:4 time.sleep()\n"
        "Found 2 findings in 3 files (0.25s). [*] 1 fixable with --fix.\n")


def test_text_summary_lines():
    assert render("text", Report([], 1, 0.5)) == "No findings in 1 file (0.50s).\n"
    assert render("text", Report([diag()], 2, 0.0, fixed=3, baselined=1)) == \
        (f"pkg/a.py:5:5: LS101 {SLEEP_MESSAGE}\nFound 1 finding in 2 files (0.00s). Fixed 3 findings."
         " 1 known finding hidden by the baseline.\n")


def test_json_is_the_contract_shape():
    assert json.loads(render("json", report())) == {
        "version": 1,
        "diagnostics": [
            {"code": "LS101", "message": SLEEP_MESSAGE, "path": "pkg/a.py", "line": 5, "column": 5,
             "end_line": 5, "end_column": 18, "trace": [], "confidence": None, "root": None,
             "fix": {"message": "fix", "edits": [{"line": 5, "column": 5, "end_line": 5,
                                                  "end_column": 18,
                                                  "content": "await asyncio.sleep(1)"}]}},
            {"code": "LS101", "message": THROUGH, "path": "pkg/a.py", "line": 12, "column": 9,
             "end_line": 12, "end_column": 22, "fix": None, "trace": TRACE, "confidence": None, "root": None},
        ],
        "summary": {"files": 3, "diagnostics": 2},
    }


def test_sarif(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sarif = json.loads(render("sarif", report()))
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-2.1.0.json")
    run, = sarif["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": f"file://{tmp_path}/"}}
    driver = run["tool"]["driver"]
    assert driver["name"] == "loopsafe"
    assert [(r["id"], r["name"], r["shortDescription"]["text"]) for r in driver["rules"]] == \
        [("LS101", "sleep-in-coroutine", "`time.sleep()` on the loop"),
         ("LS102", "blocking-network-call", "network")]
    first, second = run["results"]
    assert first == {
        "ruleId": "LS101", "ruleIndex": 0, "level": "error", "message": {"text": SLEEP_MESSAGE},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "pkg/a.py", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 5, "startColumn": 5, "endLine": 5, "endColumn": 18}}}]}
    assert [(loc["physicalLocation"]["artifactLocation"]["uri"],
             loc["physicalLocation"]["region"]["startLine"], loc["message"]["text"])
            for loc in second["relatedLocations"]] == [("pkg/a.py", 9, "helper()"),
                                                       ("pkg/b.py", 4, "time.sleep()")]


def test_sarif_absolute_path_is_a_file_uri():
    sarif = json.loads(render("sarif", Report([diag(path="/src/a b.py")], 1)))
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "file:///src/a%20b.py"}


def test_github():
    assert render("github", report()) == (
        f"::error file=pkg/a.py,line=5,col=5,endLine=5,endColumn=18,title=LS101::{SLEEP_MESSAGE}\n"
        "::error file=pkg/a.py,line=12,col=9,endLine=12,endColumn=22,title=LS101::"
        f"{THROUGH}%0Apkg/a.py:9 helper()%0Apkg/b.py:4 time.sleep()\n")
    assert render("github", Report([], 0)) == ""


def _unescape(text: str) -> str:
    return re.sub("%(25|0D|0A|3A|2C)", lambda m: {"25": "%", "0D": "\r", "0A": "\n", "3A": ":",
                                                  "2C": ","}[m[1]], text)


@given(message=st.text(), path=st.text(min_size=1))
def test_github_escaping_round_trips(message, path):
    line = render("github", Report([diag(message=message, path=path)], 1))
    assert line.count("\n") == 1
    props, _, data = line[len("::error "):-1].partition("::")
    assert _unescape(data) == message
    fields = dict(p.split("=", 1) for p in props.split(","))
    assert _unescape(fields["file"]) == path



# --- levels, fingerprints, colour, quiet, statistics --------------------------------------------

def with_confidence(confidence: str, **kwargs):
    found = diag(**kwargs)
    found.confidence = confidence  # the engine's field, when it sets one
    return found


def test_levels_follow_confidence_in_sarif_and_github():
    found = [diag(), with_confidence("certain"), with_confidence("likely"),
             with_confidence("possible")]
    sarif = json.loads(render("sarif", Report(found, 1)))
    assert [r["level"] for r in sarif["runs"][0]["results"]] == ["error", "error", "warning", "note"]
    assert [line.split(" ")[0] for line in render("github", Report(found, 1)).splitlines()] == \
        ["::error", "::error", "::warning", "::notice"]


def test_sarif_rules_link_their_page_and_results_carry_a_fingerprint():
    sarif = json.loads(render("sarif", report(fingerprint=lambda d: f"{d.code}@{d.line}")))
    run, = sarif["runs"]
    assert [r["helpUri"] for r in run["tool"]["driver"]["rules"]] == [
        "https://loopsafe.github.io/loopsafe/rules/LS101/",
        "https://loopsafe.github.io/loopsafe/rules/LS102/"]
    assert [r["partialFingerprints"] for r in run["results"]] == [
        {"loopsafeFingerprint/v1": "LS101@5"}, {"loopsafeFingerprint/v1": "LS101@12"}]


def test_colour_marks_path_code_and_fix_and_changes_no_text():
    coloured = render("text", report(color=True))
    assert "\x1b[1mpkg/a.py\x1b[0m\x1b[36m:\x1b[0m5" in coloured
    assert "\x1b[1;31mLS101\x1b[0m" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == render("text", report())


def test_quiet_leaves_out_the_summary():
    assert render("text", report(quiet=True)) == render("text", report()).rsplit("Found", 1)[0]
    assert render("text", Report([], 1, quiet=True)) == ""


def test_statistics_count_per_rule_most_first():
    from loopsafe.linter.reporters import statistics

    found = [diag(code="LS102"), diag(fix=replace(5, 5, 18, "x")), diag(line=7)]
    stats = Report(found, 1, rules=RULES)
    assert statistics.render(stats, "text") == (
        "2\tLS101\t[*] sleep-in-coroutine\n1\tLS102\t    blocking-network-call\n")
    assert json.loads(statistics.render(stats, "json")) == [
        {"code": "LS101", "name": "sleep-in-coroutine", "count": 2, "fixable": 1},
        {"code": "LS102", "name": "blocking-network-call", "count": 1, "fixable": 0}]

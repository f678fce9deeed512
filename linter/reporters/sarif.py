"""``--format sarif``: SARIF 2.1.0, the format code-scanning services import.

Every known rule is described in ``tool.driver.rules`` (id, name, one-line
summary, full documentation) and each result points at its rule by index. The
call path of a finding reached through helpers becomes ``relatedLocations``, so
a viewer can jump along it. Columns are counted in code points, as the linter
counts them, and the run says so (SARIF's default would be UTF-16 units).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from loopsafe.linter import __version__, rule_pages
from loopsafe.linter.diagnostics import Diagnostic
from loopsafe.linter.reporters import Report, level

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# the key under which results carry the baseline's fingerprint (code, file, message, line
# text: not the line number), so code scanning keeps one alert as code moves
FINGERPRINT = "loopsafeFingerprint/v1"
# A trace step as the engine writes it: "pkg/b.py:4 time.sleep()".
_STEP = re.compile(r"(?P<path>.+?):(?P<line>\d+) (?P<what>.*)\Z")


def _artifact(path: str) -> dict[str, Any]:
    p = Path(path)
    if p.is_absolute():
        return {"uri": p.as_uri()}
    return {"uri": p.as_posix(), "uriBaseId": "%SRCROOT%"}


def _rule(rule: Any) -> dict[str, Any]:
    return {"id": rule.code, "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.summary},
            "help": {"text": rule.doc, "markdown": rule.doc},
            "helpUri": rule_pages.url(rule.code),
            "properties": {"fixable": bool(rule.fixable)}}


def _related(trace: list[str]) -> list[dict[str, Any]]:
    related = []
    for index, step in enumerate(trace):
        match = _STEP.match(step)
        if match:
            related.append({"id": index, "message": {"text": match["what"]},
                            "physicalLocation": {"artifactLocation": _artifact(match["path"]),
                                                 "region": {"startLine": int(match["line"])}}})
    return related


def _result(d: Diagnostic, rule_index: dict[str, int], report: Report) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": d.code,
        "level": level(d),
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": _artifact(d.path),
            "region": {"startLine": d.line, "startColumn": d.column,
                       "endLine": d.end_line, "endColumn": d.end_column},
        }}],
    }
    if d.code in rule_index:
        result["ruleIndex"] = rule_index[d.code]
    if report.fingerprint is not None:
        result["partialFingerprints"] = {FINGERPRINT: report.fingerprint(d)}
    if d.trace:
        result["relatedLocations"] = _related(d.trace)
    return result


def render(report: Report) -> str:
    rule_index = {rule.code: i for i, rule in enumerate(report.rules)}
    return json.dumps({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "loopsafe", "version": __version__,
                                "rules": [_rule(rule) for rule in report.rules]}},
            "columnKind": "unicodeCodePoints",
            # relative paths in the report are relative to where the linter ran
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
            "results": [_result(d, rule_index, report) for d in report.diagnostics],
        }],
    }, indent=2) + "\n"

"""``--format json``: the contract's one object, version 1, for programs to read."""

from __future__ import annotations

import json
from typing import Any

from loopsafe.linter.diagnostics import Diagnostic
from loopsafe.linter.reporters import Report, fix_to_dict

VERSION = 1


def diagnostic_to_dict(d: Diagnostic) -> dict[str, Any]:
    return {"code": d.code, "message": d.message, "path": d.path,
            "line": d.line, "column": d.column, "end_line": d.end_line, "end_column": d.end_column,
            "fix": fix_to_dict(d), "trace": list(d.trace)}


def render(report: Report) -> str:
    return json.dumps({
        "version": VERSION,
        "diagnostics": [diagnostic_to_dict(d) for d in report.diagnostics],
        "summary": {"files": report.files, "diagnostics": len(report.diagnostics)},
    }, indent=2) + "\n"

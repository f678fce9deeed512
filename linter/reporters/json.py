"""``--format json``: the contract's one object, version 1, for programs to read."""

from __future__ import annotations

import json
from typing import Any

from loopsafe.linter.diagnostics import Diagnostic
from loopsafe.linter.reporters import Report

VERSION = 1


def fix_to_dict(diagnostic: Diagnostic) -> dict[str, Any] | None:
    if diagnostic.fix is None:
        return None
    return {"message": diagnostic.fix.message,
            "edits": [{"line": e.line, "column": e.column, "end_line": e.end_line,
                       "end_column": e.end_column, "content": e.content}
                      for e in diagnostic.fix.edits]}


def diagnostic_to_dict(d: Diagnostic) -> dict[str, Any]:
    return {"code": d.code, "message": d.message, "path": d.path,
            "line": d.line, "column": d.column, "end_line": d.end_line, "end_column": d.end_column,
            "fix": fix_to_dict(d), "trace": list(d.trace), "confidence": d.confidence, "root": d.root}


def render(report: Report) -> str:
    return json.dumps({
        "version": VERSION,
        "diagnostics": [diagnostic_to_dict(d) for d in report.diagnostics],
        "summary": {"files": report.files, "diagnostics": len(report.diagnostics)},
    }, indent=2) + "\n"

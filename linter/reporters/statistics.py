"""``--statistics``: how many findings each rule has, most first, as ruff prints them.

Not a format of its own: it replaces the list of findings in the text and JSON
formats, for a first look at a code base (which rules to fix, ignore or baseline).
"""

from __future__ import annotations

import json
from collections import Counter

from loopsafe.linter.reporters import Report
from loopsafe.linter.reporters.text import FIXABLE_MARK

FORMATS = ("text", "json")


def rows(report: Report) -> list[dict]:
    names = {rule.code: rule.name for rule in report.rules}
    counts = Counter(d.code for d in report.diagnostics)
    fixable = Counter(d.code for d in report.diagnostics if d.fix is not None)
    return [{"code": code, "name": names.get(code, ""), "count": count, "fixable": fixable[code]}
            for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def render(report: Report, format_name: str) -> str:
    table = rows(report)
    if format_name == "json":
        return json.dumps(table, indent=2) + "\n"
    width = max((len(str(row["count"])) for row in table), default=1)
    return "".join(
        f"{row['count']:>{width}}\t{row['code']}\t"
        f"{FIXABLE_MARK if row['fixable'] else ' ' * len(FIXABLE_MARK)}{row['name']}\n"
        for row in table)

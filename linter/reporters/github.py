"""``--format github``: GitHub Actions workflow commands, so findings show as annotations
on the pull request's diff. Values are escaped as the runner expects (``%``, CR, LF,
and in properties also ``:`` and ``,``), or a message with a newline would be cut.
"""

from __future__ import annotations

from loopsafe.linter.reporters import Report, level

# the runner's annotation commands for SARIF's levels
COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for d in report.diagnostics:
        message = "\n".join([d.message, *d.trace])
        lines.append(f"::{COMMANDS[level(d)]} file={_prop(d.path)},line={d.line},col={d.column},"
                     f"endLine={d.end_line},endColumn={d.end_column},title={_prop(d.code)}"
                     f"::{_data(message)}")
    return "".join(line + "\n" for line in lines)

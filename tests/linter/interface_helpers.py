"""Shared by the tests of the linter's interface (CLI, reporters, baseline, fixes)."""

from __future__ import annotations

import re

from hypothesis import strategies as st

from loopsafe.linter.cli import main

from loopsafe.linter.diagnostics import Diagnostic, Edit, Fix

SLEEPY = "import time\n\n\nasync def fetch():\n    time.sleep(1)\n"
SLEEP_MESSAGE = ("`time.sleep()` blocks the event loop in coroutine `fetch()`; "
                 "use `await asyncio.sleep(...)`")


def diag(code: str = "LS101", path: str = "pkg/a.py", line: int = 5, column: int = 5,
         message: str = SLEEP_MESSAGE, fix: Fix | None = None, trace: list[str] | None = None,
         end_column: int | None = None) -> Diagnostic:
    """A hand-made finding, one line long."""
    return Diagnostic(code, message, path, line, column, line,
                      end_column if end_column is not None else column + 13, fix, trace or [])


def replace(line: int, column: int, end_column: int, content: str, message: str = "fix") -> Fix:
    """A one-edit fix on one line."""
    return Fix(message, (Edit(line, column, line, end_column, content),))


codes = st.sampled_from(["LS001", "LS101", "LS102", "LS103", "LS104", "LS105", "LS106",
                         "LS107", "LS108", "LS109"])


def untimed(text: str) -> str:
    """Report text with the run's duration replaced by ``(T)``."""
    return re.sub(r"\(\d+\.\d\ds\)", "(T)", text)


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    """``main(argv)``: exit status, stdout and stderr (durations as ``(T)``)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, untimed(out), untimed(err)

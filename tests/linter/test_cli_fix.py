"""``--fix`` and ``--diff`` through ``main(argv)``.

The fixes come from the engine; to test the command's side of the contract
(apply whole fixes, re-lint, repeat, write files in their encoding, diff without
writing) independently of which rules offer fixes, the engine is replaced by a
small one that offers a fix for the first ``time.sleep(`` of each line.
"""

import io
import sys
from pathlib import Path

import pytest

import loopsafe.linter.engine as engine
from loopsafe.linter.diagnostics import Diagnostic, Edit, Fix
from loopsafe.linter.discovery import iter_python_files

from .interface_helpers import run_cli

TWICE = "import time\n\n\nasync def fetch():\n    time.sleep(1); time.sleep(2)\n"
FIXED = "import time\n\n\nasync def fetch():\n    await asyncio.sleep(1); await asyncio.sleep(2)\n"


def _sleeps(path: str, text: str) -> list[Diagnostic]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        column = line.find("time.sleep(") + 1
        if column:
            edit = Edit(number, column, number, column + len("time.sleep"), "await asyncio.sleep")
            found.append(Diagnostic("LS101", "sleep", path, number, column, number, column + 13,
                                    Fix("use asyncio.sleep", (edit,))))
    return found


@pytest.fixture
def project(tmp_path, monkeypatch):
    def lint_paths(paths, settings, seen=None):
        files = list(iter_python_files(paths, settings))
        return engine.LintResult([d for f in files for d in _sleeps(str(f), f.read_text("latin-1"))],
                                 len(files))

    monkeypatch.setattr(engine, "lint_paths", lint_paths)
    monkeypatch.setattr(engine, "lint_source",
                        lambda source, path, settings: _sleeps(path, source.decode()))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text(TWICE)
    return tmp_path


def test_fix_applies_pass_after_pass(project, capsys):
    assert run_cli(capsys, "check", "--fix") == (0, "No findings in 1 file (T). Fixed 2 findings.\n", "")
    assert (project / "a.py").read_text() == FIXED


def test_without_fix_the_fixable_are_marked(project, capsys):
    (project / "a.py").write_text(TWICE.replace("; time.sleep(2)", ""))
    assert run_cli(capsys, "check") == (
        1, "a.py:5:5: LS101 [*] sleep\nFound 1 finding in 1 file (T). [*] 1 fixable with --fix.\n", "")


def test_diff_shows_and_writes_nothing(project, capsys):
    assert run_cli(capsys, "check", "--diff") == (1, (
        "--- a/a.py\n+++ b/a.py\n@@ -2,4 +2,4 @@\n \n \n async def fetch():\n"
        "-    time.sleep(1); time.sleep(2)\n+    await asyncio.sleep(1); time.sleep(2)\n"),
        "Would fix 1 finding.\n")
    assert (project / "a.py").read_text() == TWICE
    (project / "a.py").write_text("x = 1\n")
    assert run_cli(capsys, "check", "--diff") == (0, "", "Would fix 0 findings.\n")


def test_fix_keeps_the_file_encoding(project, capsys):
    source = "# -*- coding: latin-1 -*-\nimport time\nasync def f():\n    time.sleep(1)  # café\n"
    (project / "a.py").write_bytes(source.encode("latin-1"))
    assert run_cli(capsys, "check", "--fix")[0] == 0
    assert (project / "a.py").read_bytes() == \
        source.replace("time.sleep", "await asyncio.sleep").encode("latin-1")


def test_fix_on_stdin_writes_the_source_to_stdout(project, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TWICE.encode())))
    assert run_cli(capsys, "check", "--fix", "--stdin-filename", "a.py") == \
        (0, FIXED, "No findings in 1 file (T). Fixed 2 findings.\n")
    assert (project / "a.py").read_text() == TWICE  # the file of that name is not touched


LOOP = "import asyncio\n\n\nasync def main():\n    return asyncio.get_event_loop().time()\n"


def test_real_engine_fix(tmp_path, monkeypatch, capsys):
    """LS202 offers a fix; --diff shows it, --fix applies it and the file is then clean."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.py").write_text(LOOP)
    code, out, err = run_cli(capsys, "check", "--diff", "--no-cache")
    assert (code, err) == (1, "Would fix 1 finding.\n")
    assert ("-    return asyncio.get_event_loop().time()\n"
            "+    return asyncio.get_running_loop().time()\n") in out
    assert run_cli(capsys, "check", "--fix", "--no-cache") == \
        (0, "No findings in 1 file (T). Fixed 1 finding.\n", "")
    assert (tmp_path / "m.py").read_text() == LOOP.replace("get_event_loop", "get_running_loop")


def test_a_file_that_cannot_be_written(project, capsys, monkeypatch):
    def refuse(self, data):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "write_bytes", refuse)
    assert run_cli(capsys, "check", "--fix") == \
        (2, "", "loopsafe: error: a.py: cannot write the fixed file: Permission denied\n")

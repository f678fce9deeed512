"""One reader of source text: lines end where Python's tokenizer ends them.

The repro of issue 7: a form feed in a comment above `async def poll(): time.sleep(1)` made
`--fix` rewrite the `def` line, because the fix counted lines with `str.splitlines` and the
engine with the tokenizer. The same goes for U+2028 in a string and the other characters
`splitlines` breaks at.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loopsafe.linter.baseline import fingerprint
from loopsafe.linter.diagnostics import Diagnostic, Edit, Fix
from loopsafe.linter.fixes import plan, unified_diff
from loopsafe.linter.settings import Settings
from loopsafe.linter.sources import LineIndex, SourceCache, SourceFile, split_lines

FORM_FEED = "import asyncio\nimport time\n# section\x0c break\nasync def poll():\n    time.sleep(1)\n"
LINE_SEPARATOR = 'import asyncio\nimport time\nNOTE = "a\u2028b"\nasync def poll():\n    time.sleep(1)\n'
FIXED_BODY = "async def poll():\n    await asyncio.sleep(1)\n"


def _check(tmp_path: Path, source: str, *args: str) -> subprocess.CompletedProcess:
    (tmp_path / "svc.py").write_text(source, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "loopsafe.linter", "check", "--no-cache", *args, "svc.py"],
                          cwd=tmp_path, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("source", [FORM_FEED, LINE_SEPARATOR], ids=["form-feed", "U+2028"])
def test_fix_rewrites_the_call_not_a_line_above(tmp_path: Path, source: str) -> None:
    done = _check(tmp_path, source, "--fix")
    assert done.returncode == 0, done.stdout + done.stderr
    fixed = (tmp_path / "svc.py").read_text(encoding="utf-8")
    assert fixed.endswith(FIXED_BODY)
    assert source.split("\n")[2] in fixed  # the line with the separator is untouched


@pytest.mark.parametrize("source", [FORM_FEED, LINE_SEPARATOR], ids=["form-feed", "U+2028"])
def test_reported_line_and_column_are_the_calls(tmp_path: Path, source: str) -> None:
    done = _check(tmp_path, source, "--select", "LS101", "--format", "json")
    assert '"line": 5' in done.stdout and '"column": 5' in done.stdout


def test_lines_are_the_tokenizers() -> None:
    source = SourceFile("m.py", "a\x0cb\r\nc\u2028d\re\x85f\n".encode())
    assert source.lines == ["a\x0cb", "c\u2028d", "e\x85f", ""]
    assert source.line(2) == "c\u2028d" and source.line(9) == ""
    assert split_lines(source.text, keepends=True) == ["a\x0cb\r\n", "c\u2028d\r", "e\x85f\n"]


def test_bom_and_coding_line() -> None:
    bom = SourceFile("m.py", b"\xef\xbb\xbfx = 1\n")
    assert (bom.text, bom.encoding) == ("x = 1\n", "utf-8-sig")
    assert bom.encode(bom.text) == b"\xef\xbb\xbfx = 1\n"
    latin = SourceFile("m.py", "# -*- coding: latin-1 -*-\ns = 'é'\n".encode("latin-1"))
    assert latin.line(2) == "s = 'é'"


@given(st.lists(st.sampled_from(["x", "é", " ", "\x0c", "\u2028", "\x85", "\n", "\r\n", "\r"]), max_size=30))
def test_offsets_and_positions_agree(parts: list[str]) -> None:
    text = "".join(parts)
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        line, column = index.position(offset)
        assert index.offset(line, column) == offset


def test_baseline_and_diff_read_the_tokenizers_lines(tmp_path: Path) -> None:
    path = tmp_path / "svc.py"
    path.write_text(FORM_FEED, encoding="utf-8")
    sources = SourceCache()
    finding = Diagnostic("LS101", "m", str(path), 5, 5, 5, 18, fix=Fix("use asyncio.sleep", (
        Edit(5, 5, 5, 15, "await asyncio.sleep"),)))
    moved = Diagnostic("LS101", "m", str(path), 4, 5, 4, 18)  # what splitlines would have called line 5
    settings = Settings(root=tmp_path)
    assert sources.line(str(path), 5) == "    time.sleep(1)"
    assert fingerprint(finding, settings, sources) != fingerprint(moved, settings, sources)
    diff = unified_diff(plan([finding], sources.text)[0])
    assert "-    time.sleep(1)\n+    await asyncio.sleep(1)\n" in diff
    assert " # section\x0c break\n" in diff

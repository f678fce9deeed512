"""An internal error in one file's analysis, or a file that is not a regular file, costs
that file (an LS001 finding naming it and the error), never the run."""

from __future__ import annotations

import json
import os

import pytest

from loopsafe.linter import pipeline
from loopsafe.linter.cli import main


def _report(capsys, *args: str) -> dict:
    main(["check", "--no-cache", "--format", "json", *args])
    return json.loads(capsys.readouterr().out)


def test_an_internal_error_in_one_file_is_a_finding_and_the_run_goes_on(tmp_path, monkeypatch, capsys) -> None:
    (tmp_path / "bad.py").write_text("x = 1\n")
    (tmp_path / "good.py").write_text("import time\n\n\nasync def main():\n    time.sleep(1)\n")
    real = pipeline.analyse

    def failing(module, path, name, rules):
        if path.endswith("bad.py"):
            raise KeyError("boom")
        return real(module, path, name, rules)
    monkeypatch.setattr(pipeline, "analyse", failing)
    monkeypatch.chdir(tmp_path)
    report = _report(capsys, ".")
    found = {(d["path"], d["line"], d["code"]) for d in report["diagnostics"]}
    assert found == {("bad.py", 1, "LS001"), ("good.py", 5, "LS101")}
    message = next(d["message"] for d in report["diagnostics"] if d["path"] == "bad.py")
    assert "internal error" in message and "KeyError" in message and "boom" in message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_named_like_a_module_is_reported_not_read(tmp_path, monkeypatch, capsys) -> None:
    os.mkfifo(tmp_path / "x.py")
    monkeypatch.chdir(tmp_path)
    report = _report(capsys, "x.py")
    assert [(d["path"], d["code"], d["message"]) for d in report["diagnostics"]] == [
        ("x.py", "LS001", "could not read: not a regular file")]



def test_a_class_rebound_to_its_own_instance_does_not_recurse(tmp_path, monkeypatch, capsys) -> None:
    # enum.py's `_auto_null = _auto_null()`: the name's type is a call of itself
    (tmp_path / "sentinel.py").write_text(
        "import time\n\n\nclass _Null:\n    pass\n\n\n_Null = _Null()\n\n\n"
        "async def main(value=_Null):\n    if value is _Null:\n        time.sleep(1)\n")
    monkeypatch.chdir(tmp_path)
    report = _report(capsys, ".")
    assert [(d["path"], d["line"], d["code"]) for d in report["diagnostics"]] == [("sentinel.py", 13, "LS101")]


def test_an_attribute_typed_by_itself_through_another_does_not_recurse(tmp_path, monkeypatch, capsys) -> None:
    # sqlalchemy's mapper: `self.local_table = self.inherits.local_table`
    (tmp_path / "mapper.py").write_text(
        "class Mapper:\n"
        "    def __init__(self, inherits):\n"
        "        self.inherits = inherits or Mapper(None)\n"
        "        self.local_table = self.inherits.local_table\n"
        "        self.persist = self.local_table.persist\n\n\n"
        "async def configure(mapper: Mapper):\n"
        "    mapper.local_table.persist()\n")
    monkeypatch.chdir(tmp_path)
    assert _report(capsys, ".")["diagnostics"] == []

"""An internal error in one file's analysis, or a file that is not a regular file, costs
that file (an LS001 finding naming it and the error), never the run."""

from __future__ import annotations

import json
import os
import sys

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

    def failing(module, path, *rest):
        if path.endswith("bad.py"):
            raise KeyError("boom")
        return real(module, path, *rest)
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


def test_a_huge_expression_is_analysed_or_reported(tmp_path, monkeypatch, capsys) -> None:
    # `ast` builds it on 3.10 (the walk is iterative) and refuses it from 3.11 (LS001)
    (tmp_path / "big.py").write_text("x = " + " + ".join(["1"] * 20_000) + "\n"
                                     "import time\n\n\nasync def main():\n    time.sleep(1)\n")
    monkeypatch.chdir(tmp_path)
    report = _report(capsys, "big.py")
    assert {d["code"] for d in report["diagnostics"]} in ({"LS101"}, {"LS001"})


@pytest.mark.parametrize("source, reason", [
    ("x = " + "(" * 300 + "1" + ")" * 300 + "\n", "could not parse: too many nested parentheses"),
    ("x = " + ".".join(["a"] * 20_000) + "\n", None),
    ("x = 1\x00\n", "null bytes"),
    ("def f(:\n    pass\n", "could not parse: "),
])
def test_what_the_parser_refuses_is_one_finding(tmp_path, monkeypatch, capsys, source, reason) -> None:
    (tmp_path / "bad.py").write_text(source)
    (tmp_path / "good.py").write_text("import time\n\n\nasync def main():\n    time.sleep(1)\n")
    monkeypatch.chdir(tmp_path)
    found = _report(capsys, ".")["diagnostics"]
    assert ("good.py", "LS101") in {(d["path"], d["code"]) for d in found}
    bad = [d for d in found if d["path"] == "bad.py"]
    if reason is None:  # a 20,000-part attribute chain: read on some Pythons, refused on others
        assert [d["code"] for d in bad] in ([], ["LS001"])
    else:
        assert [d["code"] for d in bad] == ["LS001"] and reason in bad[0]["message"]


def test_an_undecodable_file_says_so(tmp_path, monkeypatch, capsys) -> None:
    (tmp_path / "latin.py").write_bytes(b"x = '\xe9'\n")
    monkeypatch.chdir(tmp_path)
    assert [(d["code"], d["message"][:17]) for d in _report(capsys, ".")["diagnostics"]] == [
        ("LS001", "could not decode:")]


_NEWER = [("except*", (3, 11), "try:\n    pass\nexcept* ValueError:\n    pass\n", 3),
          ("type parameters", (3, 12), "x = 1\n\n\ndef first[T](items: list[T]) -> T:\n    return items[0]\n", 4)]


@pytest.mark.parametrize("source, line", [(s, line) for _, since, s, line in _NEWER
                                          if sys.version_info < since] or [pytest.param(
                                              "", 0, marks=pytest.mark.skip("no syntax newer than this Python"))])
def test_syntax_newer_than_the_running_python_is_named(tmp_path, monkeypatch, capsys, source, line) -> None:
    (tmp_path / "new.py").write_text(source)
    monkeypatch.chdir(tmp_path)
    [finding] = _report(capsys, ".")["diagnostics"]
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert (finding["path"], finding["line"], finding["code"]) == ("new.py", line, "LS001")
    assert f"needs a newer Python than {running} that runs loopsafe" in finding["message"]

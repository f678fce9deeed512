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


def test_an_attribute_typed_by_itself_through_a_base_class_is_unknown_not_a_recursion(
        tmp_path, monkeypatch, capsys) -> None:
    # SQLAlchemy's mapper: the base's `local_table` is typed `Mapper::local_table`, and
    # Mapper's attribute is the base's: resolving it used to recurse until the stack ran out
    (tmp_path / "mapper.py").write_text(
        "class Base:\n"
        "    inherits: \"Mapper\"\n"
        "\n"
        "    def configure(self):\n"
        "        self.local_table = self.inherits.local_table\n"
        "\n"
        "\n"
        "class Mapper(Base):\n"
        "    pass\n")
    (tmp_path / "use.py").write_text(
        "import time\n"
        "from mapper import Mapper\n"
        "\n"
        "\n"
        "async def main(m: Mapper):\n"
        "    m.local_table.read()\n"
        "    time.sleep(1)\n")
    monkeypatch.chdir(tmp_path)
    report = _report(capsys, ".")
    assert [(d["path"], d["line"], d["code"]) for d in report["diagnostics"]] == [("use.py", 7, "LS101")]


def test_two_modules_typing_each_other_through_attributes_finish(tmp_path, monkeypatch, capsys) -> None:
    (tmp_path / "a.py").write_text(
        "import b\n\n\nclass A:\n    other: \"b.B\"\n\n    def __init__(self):\n"
        "        self.conn = self.other.conn\n")
    (tmp_path / "b.py").write_text(
        "import a\n\n\nclass B:\n    other: \"a.A\"\n\n    def __init__(self):\n"
        "        self.conn = self.other.conn\n\n\nasync def main(x: a.A, y: B):\n"
        "    x.conn.read()\n    y.conn.read()\n")
    monkeypatch.chdir(tmp_path)
    assert _report(capsys, ".")["diagnostics"] == []


def _failing_rule(monkeypatch, code: str, error: Exception) -> None:
    rule = next(r for r in pipeline.PROJECT_RULES if r.code == code)
    real = type(rule).check

    def check(self, project):
        yield from real(self, project)
        raise error
    monkeypatch.setattr(type(rule), "check", check)


def _two_files(tmp_path) -> None:
    (tmp_path / "a.py").write_text("import time\n\n\nasync def main():\n    time.sleep(1)\n")
    (tmp_path / "b.py").write_text("async def main():\n    with open('x'):\n        pass\n")


def test_a_failing_project_rule_is_a_finding_and_the_other_rules_report(tmp_path, monkeypatch, capsys) -> None:
    _two_files(tmp_path)
    _failing_rule(monkeypatch, "LS104", ValueError("bad state"))
    monkeypatch.chdir(tmp_path)
    report = _report(capsys, "a.py", "b.py")
    found = [(d["path"], d["line"], d["code"]) for d in report["diagnostics"]]
    # LS104 keeps what it found before failing; the error is named once, where the files are
    assert found == [(".", 1, "LS001"), ("a.py", 5, "LS101"), ("b.py", 2, "LS104")]
    message = report["diagnostics"][0]["message"]
    assert message.startswith("rule LS104 (") and "ValueError: bad state" in message
    assert "internal error" in message


def test_a_failing_project_rule_in_a_one_file_run_names_the_file(tmp_path, monkeypatch, capsys) -> None:
    _two_files(tmp_path)
    _failing_rule(monkeypatch, "LS101", RuntimeError("oops"))
    monkeypatch.chdir(tmp_path)
    report = _report(capsys, "a.py")
    assert [(d["path"], d["code"]) for d in report["diagnostics"]] == [("a.py", "LS001"), ("a.py", "LS101")]


@pytest.mark.parametrize("output", ["json", "sarif", "github", "text"])
def test_a_failing_project_pass_is_reported_in_every_format(tmp_path, monkeypatch, capsys, output) -> None:
    _two_files(tmp_path)

    def broken(*args, **kwargs):
        raise MemoryError("project")
    monkeypatch.setattr(pipeline, "Project", broken)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--no-cache", "--format", output, "."]) == 1
    out = capsys.readouterr().out
    assert "the project pass failed" in out and "MemoryError: project" in out
    if output in ("json", "sarif"):
        json.loads(out)


def test_findings_that_cannot_be_placed_cost_their_file(tmp_path, monkeypatch, capsys) -> None:
    _two_files(tmp_path)
    real = pipeline.locate

    def failing(spans, nodes):
        found = real(spans, nodes)
        if any(span[0] == 5 for span in found.values()):  # a.py's time.sleep(1)
            raise IndexError("no such node")
        return found
    monkeypatch.setattr(pipeline, "locate", failing)
    monkeypatch.chdir(tmp_path)
    report = _report(capsys, ".")
    assert [(d["path"], d["line"], d["code"]) for d in report["diagnostics"]] == [
        ("a.py", 1, "LS001"), ("b.py", 2, "LS104")]
    assert "IndexError: no such node" in report["diagnostics"][0]["message"]

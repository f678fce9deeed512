"""Naming the function a runtime frame was in, as a ``blocking-calls`` entry names it."""

from __future__ import annotations

import sys

from loopsafe.linter.reconcile import names
from loopsafe.linter.reconcile.report import Frame

SOURCE = '''\
class Client:
    class Session:
        def get(self):
            return 1

    async def fetch(self):
        def inner():
            return 2
        return inner()


def get():
    return 3
'''


def test_the_qualified_name_comes_from_the_definitions_around_the_line(tmp_path):
    path = tmp_path / "client.py"
    path.write_text(SOURCE)
    assert names.qualname_at(str(path), 4, "get") == "Client.Session.get"
    assert names.qualname_at(str(path), 8, "inner") == "Client.fetch.<locals>.inner"
    assert names.qualname_at(str(path), 13, "get") == "get"
    assert names.qualname_at(str(path), 13, "fetch") is None
    assert names.qualname_at(str(tmp_path / "gone.py"), 1, "get") is None
    assert names.in_coroutine(str(path), 9, "fetch") and not names.in_coroutine(str(path), 4, "get")


def test_the_code_objects_qualified_name_wins(tmp_path):
    path = tmp_path / "client.py"
    path.write_text(SOURCE)
    frame = Frame(str(path), 4, "get", "sdk.client", "Something.else")
    assert names.qualname_of(frame, str(path)) == "Something.else"
    assert names.qualname_of(Frame(str(path), 99, "gone"), str(path)) == "gone"


def test_modules_come_from_each_import_root_that_holds_the_file(tmp_path, monkeypatch):
    (tmp_path / "site/vendorlib/sub").mkdir(parents=True)
    target = tmp_path / "site/vendorlib/sub/mod.py"
    target.write_text("")
    (tmp_path / "site/vendorlib/__init__.py").write_text("")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "site"), str(tmp_path / "site/vendorlib")])
    assert names.modules_for_path(str(target)) == ["sub.mod", "vendorlib.sub.mod"]
    assert names.modules_for_path(str(tmp_path / "site/vendorlib/__init__.py")) == ["vendorlib"]
    assert names.modules_for_path(str(target), [str(tmp_path)]) == [
        "sub.mod", "vendorlib.sub.mod", "site.vendorlib.sub.mod"]
    (tmp_path / "site/not-a-package").mkdir()
    (tmp_path / "site/not-a-package/m.py").write_text("")
    assert names.modules_for_path(str(tmp_path / "site/not-a-package/m.py")) == []


def test_entries_try_where_it_is_defined_then_each_package_above():
    assert names.entries(["vendorlib.client.http", "vendorlib.client.http"], "Client.get") == [
        "vendorlib.client.http.Client.get", "vendorlib.client.Client.get", "vendorlib.Client.get"]
    assert names.entries(["__main__", ""], "run") == []


def test_the_callee_passes_over_wrappers_and_plumbing():
    frames = [Frame("/c.py", 1, "__enter__", "contextlib", "_GeneratorContextManager.__enter__"),
              Frame("/s.py", 2, "wrapper", "sdk", "retry.<locals>.wrapper"),
              Frame("/s.py", 9, "send", "sdk", "Client.send")]
    assert names.callee(frames, lambda p: p) == (frames[2], "Client.send")
    assert names.callee(frames[:2], lambda p: p) is None

"""The plugin's events name the library frames the user's code called into (``outside``):
what reconcile needs to name an SDK function it never saw."""

from __future__ import annotations

import json
import sys

import pytest

from .helpers import write

LIBRARY = {
    "vendorlib/__init__.py": "",
    "vendorlib/client.py": """
        import time


        def retry(fn):
            def wrapper(*args):
                return fn(*args)
            return wrapper


        class Client:
            @retry
            def get(self):
                time.sleep(0.2)


        def crunch():
            total = 0
            for i in range(30_000_000):
                total += i
            return total
    """,
}


def _events(pytester: pytest.Pytester, tmp_path_factory, monkeypatch, body: str) -> list[dict]:
    library = write(tmp_path_factory.mktemp("site-packages"), LIBRARY)
    monkeypatch.setenv("PYTHONPATH", str(library))  # outside the inner session's rootdir
    pytester.makepyfile(test_inner=body)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:randomly",
                                           "--loopsafe-threshold=0.05", "--loopsafe-report=r.json")
    assert result.ret == 0, result.stdout.str()
    return json.loads((pytester.path / "r.json").read_text())["events"], library


def test_a_blocking_call_inside_a_library_names_its_frames(pytester, tmp_path_factory, monkeypatch):
    events, library = _events(pytester, tmp_path_factory, monkeypatch, """
        import asyncio

        from vendorlib.client import Client


        def test_a():
            async def main():
                Client().get()
            asyncio.run(main())
    """)
    [event] = events
    assert (event["kind"], event["location"]["function"]) == ("blocking-call", "main")
    outside = event["outside"]
    assert [(f["module"], f["function"]) for f in outside] == [
        ("vendorlib.client", "wrapper"), ("vendorlib.client", "get")]
    assert {f["path"] for f in outside} == {str((library / "vendorlib/client.py").resolve())}
    if sys.version_info >= (3, 11):
        assert [f["qualname"] for f in outside] == ["retry.<locals>.wrapper", "Client.get"]
    else:
        assert all("qualname" not in f for f in outside)


def test_a_blocking_call_in_the_users_code_has_no_library_frames(pytester, tmp_path_factory, monkeypatch):
    events, _ = _events(pytester, tmp_path_factory, monkeypatch, """
        import asyncio
        import time


        def test_a():
            async def main():
                time.sleep(0.2)
            asyncio.run(main())
    """)
    [event] = events
    assert "outside" not in event


def test_lag_inside_a_library_names_the_frame_it_was_sampled_in(pytester, tmp_path_factory, monkeypatch):
    events, _ = _events(pytester, tmp_path_factory, monkeypatch, """
        import asyncio

        from vendorlib.client import crunch


        def test_a():
            async def main():
                crunch()
            asyncio.run(main())
    """)
    lags = [e for e in events if e["kind"] == "loop-lag"]
    assert lags and all(e["location"]["function"] == "main" for e in lags)
    assert [(f["module"], f["function"]) for f in lags[0]["outside"]] == [("vendorlib.client", "crunch")]

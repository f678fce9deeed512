"""A small project and a fake SDK outside it, on disk: the code the runtime events point at."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import write

SDK = {
    "vendorlib/__init__.py": """
        from .client import Client, fetch_quota, session
    """,
    "vendorlib/client.py": """
        import contextlib
        import time


        def fetch_quota(account):
            time.sleep(1)  # sdk-sleep
            return 10


        class Client:
            def get(self, key):
                time.sleep(1)  # client-get
                return key


        def retry(fn):
            def wrapper(*args, **kwargs):
                return fn(*args, **kwargs)  # wrapper
            return wrapper


        @retry
        def upload(data):
            time.sleep(1)  # upload


        @contextlib.contextmanager
        def session():
            time.sleep(1)  # session
            yield


        def crunch():
            return sum(range(10))  # crunch
    """,
}

PROJECT = {
    "pyproject.toml": """
        [tool.loopsafe]
        # vendored code is not ours to lint
        exclude = ["vendored"]
    """,
    "app/__init__.py": "",
    "app/calls.py": """
        import time

        import vendorlib
        from vendorlib import fetch_quota as quota_reexported
        from vendorlib.client import fetch_quota, session, upload
        from vendored.legacy import old_fetch


        def helper():
            time.sleep(1)  # helper-sleep


        async def direct():
            time.sleep(1)  # direct


        async def through_helper():
            helper()  # through-helper


        async def sdk():
            return fetch_quota("a")  # sdk


        async def reexported():
            return quota_reexported("a")  # reexported


        async def method():
            client = vendorlib.Client()
            return client.get("k")  # method


        async def untyped(make):
            client = make()
            return client.get("k")  # untyped


        async def decorated():
            upload(b"x")  # decorated


        async def in_session():
            with session():  # in-session
                pass


        async def silenced():
            time.sleep(1)  # noqa: LS101


        async def legacy():
            old_fetch()  # legacy


        def callback():
            time.sleep(1)  # callback


        async def cpu():
            return vendorlib.crunch()  # cpu
    """,
    "vendored/__init__.py": "",
    "vendored/legacy.py": """
        import time


        def old_fetch():
            time.sleep(1)  # old-fetch
    """,
    "tests/test_app.py": """
        import time


        async def test_a():
            time.sleep(1)  # test-sleep
    """,
}


@pytest.fixture
def sdk(tmp_path: Path) -> Path:
    """The SDK's folder (outside the project; the events name its files)."""
    return write(tmp_path / "sdk", SDK)


@pytest.fixture
def project(tmp_path: Path, monkeypatch, sdk) -> Path:
    root = write(tmp_path / "proj", PROJECT)
    monkeypatch.chdir(root)
    return root

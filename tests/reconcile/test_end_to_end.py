"""The issue's end-to-end case, as a user runs it: a project whose tests block once in its
own code and once inside a third-party SDK installed outside it. The tests run under the
plugin with ``--loopsafe-report``; reconcile confirms the first, names the SDK function of
the second with its ``blocking-calls`` entry; ``--write-config`` adds the entry; and
``loopsafe check`` then flags the SDK call site. Every step is a separate process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .helpers import line_of, write

SDK = {
    "vendorlib/__init__.py": "",
    "vendorlib/client.py": """
        import time


        def fetch_quota(account):
            time.sleep(0.2)  # sdk-sleep
            return 10
    """,
}
SHOP = {
    "pyproject.toml": """
        [project]
        name = "shop"  # a user's project

        [tool.loopsafe]
        # the linter checks the shop package
        exclude = ["tests"]
    """,
    "shop/__init__.py": "",
    "shop/orders.py": """
        import time

        from vendorlib.client import fetch_quota


        async def reserve(order):
            time.sleep(0.2)  # own-block
            return order


        async def quota(account):
            return fetch_quota(account)  # sdk-call
    """,
    "tests/test_orders.py": """
        import asyncio

        from shop.orders import quota, reserve


        def test_reserve():
            assert asyncio.run(reserve(1)) == 1


        def test_quota():
            assert asyncio.run(quota("acme")) == 10
    """,
}
ORDERS = "shop/orders.py"


def _run(cwd: Path, *argv: str, pythonpath: list[Path]) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(map(str, pythonpath))}
    env.pop("PYTEST_ADDOPTS", None)
    return subprocess.run([sys.executable, *argv], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=240)


def test_runtime_report_reconciled_written_to_the_config_and_flagged(tmp_path):
    sdk = write(tmp_path / "site" / "packages", SDK)
    shop = write(tmp_path / "shop", SHOP)
    own, sdk_call = line_of(shop / ORDERS, "own-block"), line_of(shop / ORDERS, "sdk-call")

    tests = _run(shop, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--loopsafe-threshold=0.05",
                 "--loopsafe-report=report.json", "tests", pythonpath=[sdk, shop])
    assert tests.returncode == 0, tests.stdout + tests.stderr
    events = json.loads((shop / "report.json").read_text())["events"]
    assert sorted((e["kind"], e["location"]["line"]) for e in events) == [
        ("blocking-call", own), ("blocking-call", sdk_call)]

    # reconcile needs neither the SDK nor the tests importable: the report names the frames
    reconciled = _run(shop, "-m", "loopsafe.linter", "reconcile", "report.json", "--format", "json",
                      pythonpath=[])
    assert reconciled.returncode == 1, reconciled.stderr
    by_line = {e["location"]["line"]: e for e in json.loads(reconciled.stdout)["events"]}
    assert by_line[own]["status"] == "confirmed"
    assert [(f["code"], f["line"]) for f in by_line[own]["findings"]] == [("LS101", own)]
    missed = by_line[sdk_call]
    assert missed["status"] == "missed"
    assert missed["outside"][0]["module"] == "vendorlib.client"
    assert missed["suggestion"] == {
        "key": "blocking-calls", "entry": "vendorlib.client.fetch_quota",
        "function": "vendorlib.client.fetch_quota",
        "frame": f"{(sdk / 'vendorlib/client.py').resolve()}:"
                 f"{line_of(sdk / 'vendorlib/client.py', 'sdk-sleep')}",
        "call_site": f"{ORDERS}:{sdk_call}", "verified": True}
    assert missed["reason"].startswith("unknown API: `vendorlib.client.fetch_quota` is outside the "
                                       "checked paths")

    written = _run(shop, "-m", "loopsafe.linter", "reconcile", "report.json", "--write-config",
                   pythonpath=[])
    assert written.returncode == 1
    assert 'Adding to ' in written.stderr and \
        '[tool.loopsafe]: blocking-calls = ["vendorlib.client.fetch_quota"]' in written.stderr
    assert (shop / "pyproject.toml").read_text() == (
        '[project]\nname = "shop"  # a user\'s project\n\n[tool.loopsafe]\n'
        '# the linter checks the shop package\nexclude = ["tests"]\n'
        'blocking-calls = ["vendorlib.client.fetch_quota"]\n')

    checked = _run(shop, "-m", "loopsafe.linter", "check", "--format", "json", pythonpath=[])
    assert checked.returncode == 1, checked.stderr
    assert [(d["code"], d["path"], d["line"]) for d in json.loads(checked.stdout)["diagnostics"]] == [
        ("LS101", ORDERS, own), ("LS109", ORDERS, sdk_call)]

    again = _run(shop, "-m", "loopsafe.linter", "reconcile", "report.json", pythonpath=[])
    assert again.stdout.splitlines()[-1] == "2 runtime events: 2 confirmed (the linter read 2 files)."

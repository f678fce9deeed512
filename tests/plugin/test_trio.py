"""trio runs are watched like asyncio loops: pytest-trio, anyio's trio backend, ``trio.run``.

Blocking lasts 0.3s against the default 0.1s threshold; the inner session fails
on it (``--loopsafe-blocking=fail``), so each outcome says whether it was seen."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("trio")
pytest.importorskip("pytest_trio")

SCENARIOS = """
    import time

    import pytest
    import trio


    @pytest.fixture
    def anyio_backend():
        return "trio"


    @pytest.mark.trio
    async def test_pytest_trio_sleep():
        await trio.sleep(0.01)
        time.sleep(0.3)  # line 15


    @pytest.mark.anyio
    async def test_anyio_trio_backend_sleep():
        time.sleep(0.3)  # line 20


    @pytest.mark.trio
    async def test_pytest_trio_cpu():
        end = time.perf_counter() + 0.3
        while time.perf_counter() < end: pass  # line 26


    def test_trio_run_in_a_sync_test():
        async def main():
            time.sleep(0.3)  # line 31
        trio.run(main)


    @pytest.mark.trio
    async def test_responsive_trio():
        for _ in range(20):
            await trio.sleep(0.01)
            time.sleep(0.002)


    @pytest.mark.trio
    async def test_trio_worker_thread_may_block():
        await trio.to_thread.run_sync(time.sleep, 0.3)
"""


def test_blocking_in_trio_fails_the_test(inner, pytester):
    result = inner(SCENARIOS, "--loopsafe-blocking=fail", "--loopsafe-leaks=off",
                   "--loopsafe-report=report.json", "-p", "no:randomly", subprocess=True)
    result.assert_outcomes(failed=4, passed=2)
    events = json.loads((pytester.path / "report.json").read_text())["events"]
    found = sorted((e["test"].split("::")[-1], e["kind"], e.get("call"), e["location"]["line"])
                   for e in events)
    assert found == [
        ("test_anyio_trio_backend_sleep", "blocking-call", "time.sleep", 20),
        ("test_pytest_trio_cpu", "loop-lag", None, 26),
        ("test_pytest_trio_sleep", "blocking-call", "time.sleep", 15),
        ("test_trio_run_in_a_sync_test", "blocking-call", "time.sleep", 31),
    ]

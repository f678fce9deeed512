"""trio runs are watched like asyncio loops: pytest-trio, anyio's trio backend, ``trio.run``.

Blocking lasts 0.3s against the default 0.1s threshold; the inner session fails
on it (``--loopsafe-blocking=fail``), so each outcome says whether it was seen."""

from __future__ import annotations

import json

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


LEAKS = """
    import pytest
    import trio


    @pytest.fixture
    def anyio_backend():
        return "trio"


    async def serve_forever():
        await trio.sleep_forever()


    async def quick():
        await trio.sleep(0)


    @pytest.mark.trio
    async def test_task_left_in_the_nursery_fixture(nursery):
        nursery.start_soon(serve_forever)  # line 20
        await trio.sleep(0.01)


    @pytest.mark.trio
    async def test_finished_task_in_the_nursery_fixture(nursery):
        nursery.start_soon(quick)
        await trio.sleep(0.05)


    def test_system_task_left_running():
        async def main():
            trio.lowlevel.spawn_system_task(serve_forever)  # line 32
            await trio.sleep(0.01)
        trio.run(main)


    @pytest.mark.trio
    async def test_own_nursery_cancelled_by_the_test():
        async with trio.open_nursery() as nursery:
            nursery.start_soon(serve_forever)
            await trio.sleep(0.01)
            nursery.cancel_scope.cancel()


    @pytest.mark.anyio
    async def test_anyio_task_group_cancelled_by_the_test():
        import anyio
        async with anyio.create_task_group() as group:
            group.start_soon(serve_forever)
            await trio.sleep(0.01)
            group.cancel_scope.cancel()
"""


def test_tasks_left_in_nurseries_the_test_does_not_own_are_leaks(inner, pytester):
    """pytest-trio's ``nursery`` fixture and trio's system nursery cancel what is left in
    them, as an asyncio runner cancels the pending tasks: that is the leak trio can show.
    A nursery the test opened and cancelled itself is not."""
    result = inner(LEAKS, "--loopsafe-leaks=fail", "--loopsafe-report=report.json",
                   "-p", "no:randomly", subprocess=True)
    result.assert_outcomes(passed=3, failed=2)  # pytest-trio tears down within the call
    events = json.loads((pytester.path / "report.json").read_text())["events"]
    found = sorted((e["test"].split("::")[-1], e["kind"], e["location"]["line"]) for e in events)
    assert found == [("test_system_task_left_running", "leaked-task", 32),
                     ("test_task_left_in_the_nursery_fixture", "leaked-task", 20)]
    result.stdout.fnmatch_lines(["*[[]leaked-task[]] trio task *serve_forever was still running "
                                 "when its nursery (opened by pytest_trio.plugin, not by the test) "
                                 "was cancelled; started at test_inner.py:20 in "
                                 "test_task_left_in_the_nursery_fixture*"])

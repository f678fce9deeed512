"""uvloop as the policy in ``conftest.py`` (imported before the plugin's hooks are set):
its loops are seen in every thread, timed by heartbeat, and their tasks say where
they were made."""

from __future__ import annotations

import json
import sys

import pytest

pytest.importorskip("uvloop")

CONFTEST = """
    import asyncio
    import warnings

    import uvloop

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the policy API, 3.14+
        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
"""

SCENARIOS = """
    import asyncio
    import threading
    import time

    import pytest


    async def busy():
        await asyncio.sleep(0.05)
        end = time.perf_counter() + 0.3
        while time.perf_counter() < end: pass  # line 11


    async def forever():
        await asyncio.Event().wait()


    def test_cpu_stall_on_thread_loop(thread_loop):
        assert type(thread_loop.loop).__module__.startswith("uvloop")
        thread_loop.run(busy())


    def test_cpu_stall_on_a_loop_in_the_codes_own_thread():
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever)
        thread.start()
        try:
            asyncio.run_coroutine_threadsafe(busy(), loop).result()
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join()
            loop.close()


    def test_tasks_left_pending():
        async def main():
            loop = asyncio.get_running_loop()
            loop.create_task(forever())  # line 38
            asyncio.ensure_future(forever())  # line 39
            await asyncio.sleep(0)
        asyncio.run(main())
"""


def test_uvloop_policy_in_conftest(pytester):
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_uv=SCENARIOS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:randomly",
                                           "--loopsafe-report=report.json")
    result.assert_outcomes(passed=3)
    events = json.loads((pytester.path / "report.json").read_text())["events"]
    found = sorted((e["test"].split("::")[-1], e["kind"], e["location"]["line"]) for e in events)
    assert found == [
        ("test_cpu_stall_on_a_loop_in_the_codes_own_thread", "loop-lag", 11),
        ("test_cpu_stall_on_thread_loop", "loop-lag", 11),
        ("test_tasks_left_pending", "leaked-task", 38),
        ("test_tasks_left_pending", "leaked-task", 39),
    ], sys.version

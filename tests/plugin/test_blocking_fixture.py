"""The ``blocking_detector`` fixture: the test's events so far, and watching more loops."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest

from loopsafe.plugin.detectors.blocking import BlockingDetector
from loopsafe.plugin.detectors.frames import UserCode
from loopsafe.plugin.detectors.loops import LoopRegistry
from loopsafe.plugin.options import Settings
from loopsafe.plugin.sink import EventSink

INI = "[pytest]\nasyncio_default_fixture_loop_scope = function\n"


def test_events_so_far_and_a_loop_with_its_own_threshold(pytester):
    pytester.makeini(INI)
    pytester.makepyfile(test_fixture="""
        import asyncio, time
        import pytest

        @pytest.mark.asyncio
        async def test_events_so_far(blocking_detector):
            assert blocking_detector.events == []
            time.sleep(1.2)
            assert [(e.kind, e.call, e.location.line) for e in blocking_detector.events] == [
                ("blocking-call", "time.sleep", 7)]

        @pytest.mark.asyncio
        async def test_watch_with_a_lower_threshold(blocking_detector):
            loop = asyncio.get_running_loop()
            time.sleep(0.15)  # under the session's threshold
            with blocking_detector.watch(loop, threshold=0.05):
                time.sleep(0.15)
            assert [e.location.line for e in blocking_detector.events] == [16]

        def test_events_start_empty_for_each_test(blocking_detector):
            assert blocking_detector.events == []
    """)
    result = pytester.runpytest("-p", "no:cacheprovider", "--loopsafe-threshold=1.0",
                                "--loopsafe-leaks=off")
    result.assert_outcomes(passed=3)


def test_watch_a_loop_started_before_the_plugin_could_see_it(pytester):
    """A loop already running when the session starts (from a conftest) is found by lag
    only once the test watches it."""
    pytester.makeini(INI)
    pytester.makeconftest("""
        import asyncio, threading

        BACKGROUND = asyncio.new_event_loop()
        threading.Thread(target=BACKGROUND.run_forever, daemon=True).start()
    """)
    pytester.makepyfile(test_watch="""
        import asyncio, select, time
        from conftest import BACKGROUND

        async def stall():
            select.poll().poll(300)

        def run_stall():
            asyncio.run_coroutine_threadsafe(stall(), BACKGROUND).result()

        def test_unwatched(blocking_detector):
            run_stall()
            assert blocking_detector.events == []

        def test_watched(blocking_detector):
            with blocking_detector.watch(BACKGROUND):
                time.sleep(0.1)  # a first heartbeat tells the watchdog the loop's thread
                run_stall()
            assert [(e.kind, e.location.line) for e in blocking_detector.events] == [("loop-lag", 5)]
    """)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--loopsafe-leaks=off")
    result.assert_outcomes(passed=2)


@pytest.mark.parametrize("mode, outcome", [("warn", {"passed": 1}), ("fail", {"failed": 1}),
                                           ("off", {"passed": 1})])
def test_cpu_stall_by_mode(pytester, mode, outcome):
    pytester.makeini(INI)
    pytester.makepyfile(test_cpu="""
        import time
        import pytest

        @pytest.mark.asyncio
        async def test_cpu():
            end = time.perf_counter() + 0.3
            while time.perf_counter() < end: pass
    """)
    result = pytester.runpytest("-p", "no:cacheprovider", f"--loopsafe-blocking={mode}",
                                "--loopsafe-leaks=off")
    result.assert_outcomes(**outcome)
    if mode != "off":
        result.stdout.fnmatch_lines(["*loop-lag*test_cpu.py:7*"])
    else:
        assert "loop-lag" not in result.stdout.str()


@pytest.mark.loopsafe(allow_blocking=True)  # the session's own detector need not report it too
def test_detector_reports_a_stall_once_and_undoes_everything_at_stop():
    sleep_before = time.sleep
    registry = LoopRegistry(UserCode(Path(__file__).parents[2]))
    sink = EventSink()
    detector = BlockingDetector(registry, sink, threshold=0.1)
    detector.start()
    try:
        assert time.sleep is not sleep_before
        sink.begin("t::a", Settings())
        detector.begin("t::a", threshold=0.1, enabled=True)

        async def main():
            time.sleep(0.3)

        asyncio.run(main())
        detector.end()
        events = sink.current()
        sink.begin("t::b", Settings())
        detector.begin("t::b", threshold=0.1, enabled=False)
        asyncio.run(main())
        detector.end()
        assert sink.current() == []
    finally:
        watchdog_threads = [t for t in threading.enumerate() if t.name == "loopsafe-lag-watchdog"]
        detector.stop()
        registry.uninstall()
    assert [(e.kind, e.call, e.test) for e in events] == [("blocking-call", "time.sleep", "t::a")]
    assert time.sleep is sleep_before
    assert len([t for t in threading.enumerate() if t.name == "loopsafe-lag-watchdog"]) \
        == len(watchdog_threads) - 1

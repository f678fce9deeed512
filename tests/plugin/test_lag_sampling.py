"""A stall just over the threshold is still located: sampling starts once the
heartbeat is a tick overdue. Waiting for the whole threshold left a stall of
1.25-1.5 times it a window shorter than one watchdog tick, and about half of
them went unreported although the heartbeat had measured them."""

from __future__ import annotations

import json

INNER = """
import time

import pytest


def spin(seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


@pytest.mark.parametrize("i", range(10))
async def test_cpu_stall_just_over_the_threshold(i):
    spin(0.14)
"""


def test_every_stall_just_over_the_threshold_is_reported_on_its_line(inner) -> None:
    result = inner(INNER, "--loopsafe-blocking=fail", "--loopsafe-threshold=0.1",
                   "-p", "asyncio", "-o", "asyncio_mode=auto")
    result.assert_outcomes(failed=10)
    assert result.stdout.str().count("[loop-lag]") >= 10
    # the deepest frame of the user's code: the line that burns the time
    assert result.stdout.str().count("at test_inner.py:8 in spin") >= 10



def test_a_c_call_holding_the_gil_in_a_tests_first_iteration_is_located(inner, pytester) -> None:
    """A C call that keeps the GIL from the test's first loop iteration lets the sampling
    thread take its one sample only as the call returns, and the loop's thread may end
    the iteration before that sample is recorded: the stall waits for it. Several tests,
    so that the sampling thread is asleep (started by an earlier loop) when one begins."""
    result = inner("""
        import pytest

        @pytest.mark.parametrize("i", range(4))
        async def test_first_iteration_holds_the_gil(i):
            sum(range(20_000_000))
        """, "--loopsafe-blocking=fail", "--loopsafe-report=report.json", "-p", "asyncio",
                   "-o", "asyncio_mode=auto", subprocess=True)
    result.assert_outcomes(failed=4)
    events = json.loads((pytester.path / "report.json").read_text())["events"]
    assert [(e["kind"], e["location"]) for e in events] == [
        ("loop-lag", {"path": "test_inner.py", "line": 5,
                      "function": "test_first_iteration_holds_the_gil"})] * 4


NO_SAMPLING_THREAD = """
import pytest

from loopsafe.plugin.detectors.lag import LagWatchdog


@pytest.fixture(autouse=True)
def no_sampling_thread(monkeypatch):
    monkeypatch.setattr(LagWatchdog, "_ensure_thread", lambda self: None)
"""


def test_a_stall_no_sample_saw_is_reported_at_the_tests_location(inner, pytester) -> None:
    """With no stack sample at all (here: no sampling thread), a stall its thread spent on
    the CPU is still reported, at the best location left: the test. One spent off the CPU
    (a sleep nothing intercepts) is not: that is how a machine that starves the process
    looks, and an innocent test must not fail for it."""
    pytester.makeconftest(NO_SAMPLING_THREAD)
    result = inner("""
        import select

        async def test_on_the_cpu():
            sum(range(20_000_000))

        async def test_off_the_cpu():
            select.poll().poll(300)
        """, "--loopsafe-blocking=fail", "-p", "asyncio", "-o", "asyncio_mode=auto")
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines([
        "loopsafe: [[]loop-lag[]] the event loop was held for * at test_inner.py:3 in "
        "test_on_the_cpu (no stack sample showed the line: C code kept the interpreter busy)*",
        "FAILED test_inner.py::test_on_the_cpu - *"])

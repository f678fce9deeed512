"""A stall just over the threshold is still located: sampling starts once the
heartbeat is a tick overdue. Waiting for the whole threshold left a stall of
1.25-1.5 times it a window shorter than one watchdog tick, and about half of
them went unreported although the heartbeat had measured them."""

from __future__ import annotations

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


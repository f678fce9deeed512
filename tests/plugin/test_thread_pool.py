"""``thread_pool``: work runs off the loop, the pool is shut down and checked at teardown."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.loopsafe(leaks="off", allow_blocking=True)


def test_work_runs_off_the_loop_and_the_pool_is_shut_down(inner):
    result = inner("""
        import asyncio
        import threading
        import time

        async def test_sleep_in_the_pool_does_not_block_the_loop(thread_pool):
            loop = asyncio.get_running_loop()
            names = await asyncio.gather(*(loop.run_in_executor(thread_pool, worker_name)
                                           for _ in range(3)))
            assert all(name.startswith("thread_pool") for name in names)

        def worker_name():
            time.sleep(0.2)  # over the threshold, but not on a loop's thread
            return threading.current_thread().name

        def test_shut_down(thread_pool):
            thread_pool.submit(worker_name).result()
            test_shut_down.pool = thread_pool

        def test_after():
            with __import__("pytest").raises(RuntimeError, match="after shutdown"):
                test_shut_down.pool.submit(worker_name)
        """, "--asyncio-mode=auto", "--loopsafe-leaks=fail", "--loopsafe-blocking=fail")
    result.assert_outcomes(passed=3)
    assert "loopsafe:" not in result.stdout.str()


def test_work_still_running_after_shutdown_is_a_leaked_thread(inner):
    result = inner("""
        import threading

        release = threading.Event()

        def test_stuck(thread_pool):
            thread_pool.submit(release.wait, 10)

        def test_release():
            release.set()
        """, "--loopsafe-leaks=fail")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines([
        "ERROR test_inner.py::test_stuck - loopsafe: [[]leaked-thread[]] thread_pool work "
        "Event.wait (submitted at test_inner.py:6 in test_stuck) still runs 2.0s after the pool "
        "was shut down",
    ])
    assert result.stdout.str().count("leaked-thread") == 3  # failure, summary row, short summary

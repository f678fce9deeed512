"""``process_pool``: one run per start method, unpicklable work and dead workers explained,
no child outliving the pool. Inner sessions run in a subprocess: they start processes."""

from __future__ import annotations

import multiprocessing
import os
import re
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.loopsafe(leaks="off", allow_blocking=True)

# pickle's words for a local function: "Can't pickle local object" before Python 3.13, then
# "Can't get local object"
CANT_PICKLE = "Can't (?:pickle|get) local object"

POOL_TESTS = """
    import asyncio
    import os
    import signal
    import threading

    import pytest

    def square(x):
        return x * x

    def die_with(code):
        os._exit(code)

    def kill_myself():
        os.kill(os.getpid(), signal.SIGKILL)

    @pytest.mark.loopsafe(start_methods=["spawn", "forkserver", "fork"])
    def test_every_method(process_pool):
        assert list(process_pool.map(square, range(4))) == [0, 1, 4, 9]

    async def test_from_a_coroutine(process_pool):
        loop = asyncio.get_running_loop()
        results = await asyncio.gather(*(loop.run_in_executor(process_pool, square, i)
                                         for i in range(3)))
        assert results == [0, 1, 4]

    @pytest.mark.loopsafe(start_methods=["spawn", "fork"])
    def test_own_process(loopsafe_start_method):
        import multiprocessing
        process = multiprocessing.get_context(loopsafe_start_method).Process(target=square, args=(2,))
        process.start()
        process.join()
        assert process.exitcode == 0

    def test_lambda(process_pool):
        process_pool.submit(lambda: 1).result()

    def test_lock_argument(process_pool):
        process_pool.submit(square, threading.Lock()).result()

    def test_swallowed(process_pool):
        try:
            process_pool.submit(lambda: 1).result()
        except Exception:
            pass

    def test_worker_exits(process_pool):
        process_pool.submit(die_with, 3).result()

    def test_worker_killed(process_pool):
        process_pool.submit(kill_myself).result()

    def test_multiprocessing_pool():
        import multiprocessing
        with multiprocessing.get_context("fork").Pool(1) as pool:
            assert pool.map(square, [2]) == [4]
            pool.map(lambda x: x, [1])

    def test_thread_pool_takes_lambdas():
        from multiprocessing.pool import ThreadPool
        with ThreadPool(1) as pool:
            assert pool.apply(lambda: 7) == 7

    async def test_own_pool_in_a_coroutine():
        from concurrent.futures import ProcessPoolExecutor
        loop = asyncio.get_running_loop()
        with ProcessPoolExecutor(1) as pool:
            await loop.run_in_executor(pool, lambda: 1)

    def test_workers_started_at_setup(process_pool):
        # by the fixture, not by the test's first submit (on an async test's loop thread)
        assert len(process_pool._processes) == 2
    """


@pytest.fixture(scope="module")
def pool_run(tmp_path_factory):
    """One inner session for all the pool checks below (each pool test starts processes)."""
    where = tmp_path_factory.mktemp("pool")
    (where / "test_pool.py").write_text(textwrap.dedent(POOL_TESTS))
    (where / "pytest.ini").write_text("[pytest]\nasyncio_default_fixture_loop_scope = function\n"
                                      "asyncio_mode = auto\n")
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rA",
                           "--loopsafe-start-methods=spawn", "--loopsafe-leaks=fail"],
                          cwd=where, capture_output=True, text=True, timeout=240,
                          env={**os.environ, "COLUMNS": "300"})  # summary lines unabridged
    return proc.stdout


def test_the_test_runs_once_per_start_method_with_the_method_in_its_id(pool_run):
    available = multiprocessing.get_all_start_methods()
    for method in ("spawn", "forkserver", "fork"):
        outcome = "PASSED" if method in available else "SKIPPED"
        assert f"{outcome} test_pool.py::test_every_method[{method}]" in pool_run
    assert "PASSED test_pool.py::test_from_a_coroutine[spawn]" in pool_run
    assert "PASSED test_pool.py::test_own_process[spawn]" in pool_run
    assert "PASSED test_pool.py::test_own_process[fork]" in pool_run


def test_the_workers_start_at_setup_not_on_the_tests_loop(pool_run):
    assert "PASSED test_pool.py::test_workers_started_at_setup[spawn]" in pool_run


def test_an_unpicklable_callable_fails_with_the_original_error_and_an_event(pool_run):
    assert re.search(rf"FAILED test_pool.py::test_lambda\[spawn\] - AttributeError: {CANT_PICKLE}",
                     pool_run)
    assert re.search(r"\[unpicklable\] the callable test_lambda.<locals>.<lambda> cannot be sent to a "
                     rf"worker process \(start method spawn\): AttributeError: {CANT_PICKLE} "
                     r"'test_lambda.<locals>.<lambda>'; define the function at module level", pool_run)


def test_an_unpicklable_argument_is_named(pool_run):
    assert "FAILED test_pool.py::test_lock_argument[spawn] - TypeError: cannot pickle '_thread.lock'" in pool_run
    assert "[unpicklable] argument 0 (lock) cannot be sent to a worker process" in pool_run


def test_unpicklable_work_fails_the_test_even_when_the_error_is_swallowed(pool_run):
    assert "FAILED test_pool.py::test_swallowed[spawn] - loopsafe: [unpicklable] the callable" in pool_run


def test_a_pool_the_code_makes_itself_is_checked_too(pool_run):
    assert re.search(rf"FAILED test_pool.py::test_own_pool_in_a_coroutine - AttributeError: {CANT_PICKLE}",
                     pool_run)
    assert ("[unpicklable] the callable test_own_pool_in_a_coroutine.<locals>.<lambda> cannot be "
            "sent to a worker process (start method fork)") in pool_run
    assert "at test_pool.py:69 in test_own_pool_in_a_coroutine" in pool_run


def test_multiprocessing_pools_are_checked_too(pool_run):
    assert re.search(rf"FAILED test_pool.py::test_multiprocessing_pool - AttributeError: {CANT_PICKLE}",
                     pool_run)
    assert ("[unpicklable] the callable test_multiprocessing_pool.<locals>.<lambda> cannot be "
            "sent to a worker process (start method fork)") in pool_run
    assert "at test_pool.py:58 in test_multiprocessing_pool" in pool_run
    assert "PASSED test_pool.py::test_thread_pool_takes_lambdas" in pool_run


def test_a_dead_worker_is_named_with_its_exit_code_or_signal(pool_run):
    assert "FAILED test_pool.py::test_worker_exits[spawn] - concurrent.futures.process.BrokenProcessPool" in pool_run
    assert "(worker pid " in pool_run and "exited with code 3)" in pool_run
    assert "was killed by SIGKILL)" in pool_run


def test_no_worker_leaks_past_the_pool(pool_run):
    assert "leaked-process" not in pool_run


def test_a_worker_that_outlives_the_shutdown_is_reported_and_killed(inner):
    result = inner("""
        import time

        def test_stuck(process_pool):
            process_pool.submit(time.sleep, 30)
            time.sleep(0.5)
        """, "--loopsafe-leaks=fail", "--loopsafe-start-methods=fork", subprocess=True)
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*[[]leaked-process[]] process_pool worker pid * still alive: its work "
                                 "still running 2.0s after the pool was shut down; killed*"])


def test_workers_exit_after_work_that_failed_to_pickle_is_cancelled_at_teardown(inner):
    """Teardown right after a ``map`` of a lambda raised: the items still being pickled
    fail while the pool shuts down, and its workers must still be told to exit (they were
    not when ``shutdown(cancel_futures=True)`` cancelled the queue)."""
    result = inner("""
        import pytest

        @pytest.mark.parametrize("n", range(5))
        def test_map_lambda(process_pool, n):
            with pytest.raises(Exception):
                list(process_pool.map(lambda x: x, range(20)))

        def test_queued_work_is_cancelled(process_pool):
            futures = [process_pool.submit(pow, 2, n) for n in range(200)]
            assert futures[0].result() == 1
        """, "--loopsafe-start-methods=fork", "--loopsafe-leaks=fail", subprocess=True)
    result.assert_outcomes(passed=1, failed=5)
    assert "leaked-process" not in result.stdout.str()


def test_a_dead_worker_is_named_before_the_caller_wakes_and_map_reports_once(inner):
    result = inner("""
        import os
        import signal
        from concurrent.futures.process import BrokenProcessPool

        import pytest

        def kill_myself():
            os.kill(os.getpid(), signal.SIGKILL)

        @pytest.mark.parametrize("n", range(10))  # the explanation once raced the caller
        def test_death_is_named(process_pool, n):
            with pytest.raises(BrokenProcessPool) as info:
                process_pool.submit(kill_myself).result()
            assert "was killed by SIGKILL)" in str(info.value)

        def test_map_lambda(process_pool):
            with pytest.raises(Exception):
                list(process_pool.map(lambda x: x, range(6)))
        """, "--loopsafe-start-methods=fork", subprocess=True)
    result.assert_outcomes(passed=10, failed=1)
    out = result.stdout.str()
    assert "loopsafe: 1 event(s) in 1 test(s)" in out  # one for the map call, not one per item
    assert re.search(r"FAILED test_inner.py::test_map_lambda\[fork\] - loopsafe: \[unpicklable\] the "
                     r"callable test_map_lambda.<locals>.<lambda> cannot be sent to a worker process",
                     out)
    assert "partial" not in out


def test_teardown_shuts_the_pool_down_only_once_work_failing_to_pickle_has_failed(inner):
    """Work that fails to pickle fails in the pool's feeder thread, which then takes the
    pool's shutdown lock: a shutdown under way at that moment could take the lock first
    and wait for the feeder, and the two would wait for each other for good (workers
    never told to exit). Teardown shuts down only once the work under way is over."""
    result = inner("""
        import time
        from concurrent.futures import ProcessPoolExecutor

        from loopsafe.plugin.fixtures.process_pool import LoopsafeProcessPool

        class SlowToFail:
            def __reduce__(self):
                time.sleep(0.5)
                raise TypeError("not today")

        def test_close(monkeypatch):
            pool = LoopsafeProcessPool("fork")
            pool.start_workers()
            future = pool.submit(pow, SlowToFail(), 2)
            while not future.running():  # on its way to a worker: being pickled
                time.sleep(0.001)
            seen = []

            def shutdown(*args, **kwargs):
                seen.append(future.done())
                return ProcessPoolExecutor.shutdown(pool, *args, **kwargs)

            monkeypatch.setattr(pool, "shutdown", shutdown)
            assert pool.close() == []
            assert seen == [True] and isinstance(future.exception(), TypeError)
        """, "-p", "no:loopsafe", subprocess=True)
    result.assert_outcomes(passed=1)

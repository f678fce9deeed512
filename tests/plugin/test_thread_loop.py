"""``thread_loop`` and ``thread_loop_factory``: a loop in its own thread, torn down within a bound."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.loopsafe(leaks="off", allow_blocking=True)


def test_run_submit_and_call_reach_the_loop_in_its_thread(inner):
    result = inner("""
        import asyncio
        import threading

        async def double(x):
            await asyncio.sleep(0)
            return 2 * x

        def test_run(thread_loop):
            assert thread_loop.run(double(21)) == 42
            assert thread_loop.thread is not threading.current_thread()

        def test_submit(thread_loop):
            futures = [thread_loop.submit(double(i)) for i in range(3)]
            assert [f.result(5) for f in futures] == [0, 2, 4]

        def test_call(thread_loop):
            assert thread_loop.call(threading.current_thread) is thread_loop.thread
            assert thread_loop.call(asyncio.get_running_loop) is thread_loop.loop

        def test_run_timeout(thread_loop):
            import pytest
            with pytest.raises(TimeoutError, match="did not finish within 0.05s"):
                thread_loop.run(asyncio.sleep(10), timeout=0.05)

        def test_errors_propagate(thread_loop):
            import pytest
            async def boom():
                raise KeyError("inside")
            with pytest.raises(KeyError, match="inside"):
                thread_loop.run(boom())

        def test_factory(thread_loop_factory):
            one = thread_loop_factory()
            many = thread_loop_factory(3)
            loops = {one.loop, *(t.loop for t in many)}
            assert len(loops) == 4
            assert [t.run(double(1)) for t in many] == [2, 2, 2]
            pytest_raises = __import__("pytest").raises
            with pytest_raises(ValueError, match="n must be a positive integer"):
                thread_loop_factory(0)

        def test_torn_down(thread_loop_factory):
            made = thread_loop_factory(2)
            test_torn_down.made = made

        def test_after_teardown():
            for made in test_torn_down.made:
                assert made.loop.is_closed()
                assert not made.thread.is_alive()
        """, "--loopsafe-leaks=fail")
    result.assert_outcomes(passed=8)
    assert "loopsafe:" not in result.stdout.str()


PENDING = """
    import asyncio

    async def forever():
        await asyncio.Event().wait()

    async def start_background():
        asyncio.get_running_loop().create_task(forever())

    def test_leaves_a_task(thread_loop):
        thread_loop.run(start_background())

    def test_leaves_its_own_coroutine(thread_loop_factory):
        thread_loop_factory().submit(forever())
    """


def test_pending_tasks_are_reported_then_cancelled_warn(inner):
    result = inner(PENDING)
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines([
        "*loopsafe: 2 event(s) in 2 test(s)*",
        "*test_leaves_a_task*leaked-task*test_inner.py:7*forever*pending at thread_loop teardown*",
        "*test_leaves_its_own_coroutine*leaked-task*test_inner.py:13*forever*",
    ])


def test_pending_tasks_fail_the_test_with_where_they_were_created(inner):
    result = inner(PENDING, "--loopsafe-leaks=fail")
    result.assert_outcomes(passed=2, errors=2)
    result.stdout.fnmatch_lines([
        "*loopsafe: [[]leaked-task[]] task Task-* (forever) was still pending at thread_loop "
        "teardown; cancelled; created at test_inner.py:7 in start_background",
    ])


def test_a_loop_blocked_for_good_does_not_hang_teardown_and_is_reported_once_as_its_thread(inner):
    result = inner("""
        import threading
        import time

        release = threading.Event()

        async def stuck():
            release.wait(8)  # a blocking call: cancellation cannot reach it

        def test_hangs(thread_loop):
            thread_loop.submit(stuck())
            time.sleep(0.05)

        def test_next():
            release.set()
            time.sleep(0.3)

        def test_last():
            pass
        """, "--loopsafe-blocking=off", "--loopsafe-leaks=fail")
    result.assert_outcomes(passed=3, errors=1)
    result.stdout.fnmatch_lines([
        "*loopsafe: 1 event(s) in 1 test(s)*",
        "ERROR test_inner.py::test_hangs - loopsafe: [[]leaked-thread[]] thread_loop-* did not stop "
        "within 2.0s of teardown: task Task-* (stuck) blocks its loop at test_inner.py:7 in stuck; "
        "the thread is left running (daemon) and the loop unclosed",
    ])
    out = result.stdout.str()
    assert "leaked-task" not in out and "shared with other tests" not in out and "cancelled" not in out


def test_run_times_out_on_a_blocked_loop_naming_the_timeout_and_where_it_is_held(inner):
    result = inner("""
        import asyncio
        import threading

        import pytest

        release = threading.Event()

        async def stuck():
            release.wait(8)

        async def slow():
            await asyncio.sleep(30)

        def test_blocked(thread_loop):
            with pytest.raises(TimeoutError) as info:
                thread_loop.run(stuck(), timeout=0.5)
            release.set()
            assert str(info.value) == ("thread_loop.run: the coroutine did not finish within 0.5s; "
                                       "it was cancelled; its loop is held at test_inner.py:9 in stuck")

        def test_slow(thread_loop):
            with pytest.raises(TimeoutError) as info:
                thread_loop.run(slow(), timeout=0.2)
            assert str(info.value) == ("thread_loop.run: the coroutine did not finish within 0.2s; "
                                       "it was cancelled")
        """, "--loopsafe-blocking=off", "--loopsafe-leaks=fail")
    result.assert_outcomes(passed=2)  # the coroutines it gave up on are no leaks

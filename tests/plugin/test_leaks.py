"""The leak detector: tasks, threads, processes and loops a test leaves behind, named with
where they were created; and nothing reported for what is cleaned up or wider-scoped."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.loopsafe(leaks="off", allow_blocking=True)

LEAKS = """
    import asyncio
    import subprocess
    import sys
    import threading

    import pytest

    release = threading.Event()

    def test_thread():
        threading.Thread(target=release.wait, args=(5,), name="worker").start()

    def test_popen():
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])

    def test_loop_never_closed():
        asyncio.new_event_loop()

    def test_asyncio_run_cancels_silently():
        async def main():
            asyncio.create_task(asyncio.sleep(30))
        asyncio.run(main())

    def test_closed_with_a_task_pending():
        loop = asyncio.new_event_loop()
        loop.create_task(asyncio.sleep(30))
        loop.run_until_complete(asyncio.sleep(0))
        loop.close()

    def test_release():
        release.set()
    """


def test_each_kind_of_leak_fails_its_test_with_where_it_was_created(inner):
    result = inner(LEAKS, "--loopsafe-leaks=fail")
    # found while the test runs: it fails; found once its teardown is over: an error there
    result.assert_outcomes(failed=2, passed=4, errors=3)
    result.stdout.fnmatch_lines([
        "*[[]leaked-thread[]] thread 'worker' still runs after the test; started at "
        "test_inner.py:11 in test_thread",
        "*[[]leaked-process[]] child process * still alive after the test; started at "
        "test_inner.py:14 in test_popen; terminated",
        "*[[]leaked-loop[]] event loop *EventLoop (not running) was never closed; created at "
        "test_inner.py:17 in test_loop_never_closed",
        "*[[]leaked-task[]] task Task-* (sleep) was still pending when its loop ended (cancelled by "
        "the runner); created at test_inner.py:21 in main",
        "*[[]leaked-task[]] task Task-* (sleep) was still pending when its loop was closed (it "
        "never finished); created at test_inner.py:26 in test_closed_with_a_task_pending",
    ])


def test_warn_reports_them_in_the_summary_and_passes(inner):
    result = inner(LEAKS)
    result.assert_outcomes(passed=6)
    result.stdout.fnmatch_lines([
        "*loopsafe: 5 event(s) in 5 test(s)*",
        "test * kind * where * what",
        "test_inner.py::test_asyncio_run_cancels_silently * leaked-task * test_inner.py:21 *",
        "test_inner.py::test_closed_with_a_task_pending * leaked-task * test_inner.py:26 *",
        "test_inner.py::test_loop_never_closed * leaked-loop * test_inner.py:17 *",
        "test_inner.py::test_popen * leaked-process * test_inner.py:14 *",
        "test_inner.py::test_thread * leaked-thread * test_inner.py:11 *",
    ])


def test_what_is_cleaned_up_or_wider_scoped_is_not_a_leak(inner):
    result = inner("""
        import asyncio
        import multiprocessing
        import subprocess
        import sys
        import threading
        import time

        import pytest

        @pytest.fixture(scope="module")
        def server():
            stop = threading.Event()
            thread = threading.Thread(target=stop.wait, daemon=True)
            thread.start()
            loop = asyncio.new_event_loop()
            yield thread
            stop.set()
            loop.close()

        def test_uses_a_module_scoped_server(server):
            assert server.is_alive()

        def test_joined_thread_and_finished_children():
            thread = threading.Thread(target=time.sleep, args=(0.01,))
            thread.start()
            thread.join()
            subprocess.run([sys.executable, "-c", "pass"], check=True)
            process = multiprocessing.get_context("fork").Process(target=time.sleep, args=(0.01,))
            process.start()
            process.join()

        def test_a_thread_finishing_within_the_grace():
            threading.Thread(target=time.sleep, args=(0.05,)).start()

        def test_closed_loop_and_awaited_tasks():
            async def main():
                await asyncio.create_task(asyncio.sleep(0))
            asyncio.run(main())
            loop = asyncio.new_event_loop()
            loop.close()
        """, "--loopsafe-leaks=fail")
    result.assert_outcomes(passed=4)
    assert "loopsafe:" not in result.stdout.str()


ASYNC_LEAKS = """
    import asyncio

    import pytest

    async def forever():
        await asyncio.Event().wait()

    @pytest.mark.asyncio
    async def test_marked():
        asyncio.create_task(forever())

    async def test_unmarked():
        asyncio.create_task(forever())

    @pytest.mark.asyncio
    async def test_clean():
        await asyncio.sleep(0)
    """


def test_pytest_asyncio_strict_mode_pending_tasks(inner):
    result = inner(ASYNC_LEAKS, "--asyncio-mode=strict", "--loopsafe-leaks=fail")
    # strict mode does not run the unmarked coroutine: pytest fails it, and loopsafe adds nothing
    result.assert_outcomes(failed=1, passed=2, errors=1)
    result.stdout.fnmatch_lines([
        "FAILED test_inner.py::test_unmarked - Failed: async def functions are not natively supported.",
        "ERROR test_inner.py::test_marked - loopsafe: [[]leaked-task[]] task Task-* (forever) "
        "was still pending when its loop ended*",
    ])


def test_pytest_asyncio_auto_mode_pending_tasks(inner):
    result = inner(ASYNC_LEAKS, "--asyncio-mode=auto", "--loopsafe-leaks=fail")
    # pytest-asyncio's loop cancels the tasks at its fixture's teardown: an error there
    result.assert_outcomes(passed=3, errors=2)
    result.stdout.fnmatch_lines([
        "*[[]leaked-task[]] task Task-* (forever) * created at test_inner.py:10 in test_marked",
        "*[[]leaked-task[]] task Task-* (forever) * created at test_inner.py:13 in test_unmarked",
    ])


def test_pytest_asyncio_session_loop_is_not_a_leak_but_a_task_left_on_it_is(inner):
    result = inner("""
        import asyncio

        import pytest
        import pytest_asyncio

        @pytest_asyncio.fixture(loop_scope="session", scope="session")
        async def shared():
            return asyncio.get_running_loop()

        @pytest.mark.asyncio(loop_scope="session")
        async def test_first(shared):
            assert shared is asyncio.get_running_loop()

        @pytest.mark.asyncio(loop_scope="session")
        async def test_leaves_a_task_on_the_shared_loop(shared):
            asyncio.create_task(asyncio.sleep(30))

        @pytest.mark.asyncio(loop_scope="session")
        async def test_second(shared):
            assert shared is asyncio.get_running_loop()

        @pytest.mark.asyncio(loop_scope="session")
        async def test_last_leaves_a_task_the_loop_cancels_at_its_teardown(shared):
            asyncio.create_task(asyncio.sleep(30))
        """, "--loopsafe-leaks=fail")
    result.assert_outcomes(passed=4, errors=2)
    result.stdout.fnmatch_lines([
        "ERROR test_inner.py::test_leaves_a_task_on_the_shared_loop - loopsafe: [[]leaked-task[]] "
        "task Task-* (sleep) is still pending after the test, on a loop shared with other tests; "
        "created at test_inner.py:16 in test_leaves_a_task_on_the_shared_loop",
        "ERROR test_inner.py::test_last_leaves_a_task_the_loop_cancels_at_its_teardown - loopsafe: "
        "[[]leaked-task[]] task Task-* (sleep) was still pending when its loop ended (cancelled by "
        "the runner); created at test_inner.py:24 in test_last_*",
    ])
    assert result.stdout.str().count("leaked-") == 6  # those tests only, each reported once


def test_anyio_plugin_asyncio_and_trio_backends(inner):
    result = inner("""
        import asyncio
        import threading

        import anyio
        import pytest

        pytestmark = pytest.mark.anyio

        @pytest.fixture(params=["asyncio", "trio"])
        def anyio_backend(request):
            return request.param

        async def test_task_group_cleans_up():
            async with anyio.create_task_group() as group:
                group.start_soon(anyio.sleep, 0.01)

        async def test_leaks_a_task(anyio_backend):
            if anyio_backend == "trio":
                pytest.skip("trio has no tasks outside its nurseries")
            asyncio.create_task(asyncio.sleep(30))

        async def test_leaks_a_thread():
            threading.Thread(target=threading.Event().wait, args=(1.5,)).start()
        """, "--loopsafe-leaks=fail")
    result.assert_outcomes(passed=4, failed=1, errors=2, skipped=1)
    result.stdout.fnmatch_lines([
        "FAILED test_inner.py::test_leaks_a_task[[]asyncio[]] - loopsafe: [[]leaked-task[]] task "
        "Task-* (sleep) was still pending when its loop ended (cancelled by the runner); created at "
        "test_inner.py:20 in test_leaks_a_task",
        "ERROR test_inner.py::test_leaks_a_thread[[]asyncio[]] - loopsafe: [[]leaked-thread[]] *",
        "ERROR test_inner.py::test_leaks_a_thread[[]trio[]] - loopsafe: [[]leaked-thread[]] "
        "thread 'Thread-* (wait)' still runs after the test; started at test_inner.py:23 *",
    ])
    # neither anyio's runner task nor trio's thread cache is the user's
    assert "TestRunner" not in result.stdout.str() and "Trio thread" not in result.stdout.str()


def test_a_test_that_fails_keeps_its_error_and_gets_a_loopsafe_section(inner):
    result = inner("""
        import threading

        def test_fails_and_leaks():
            threading.Thread(target=threading.Event().wait, args=(1.5,)).start()
            assert 1 + 1 == 3
        """, "--loopsafe-leaks=fail")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "E       assert (1 + 1) == 3",
        "*- loopsafe teardown -*",  # found after the failure: shown under it
        "loopsafe: [[]leaked-thread[]] thread * still runs after the test*",
        "FAILED test_inner.py::test_fails_and_leaks - assert (1 + 1) == 3",
    ])


def test_a_teardown_error_keeps_its_own_report_too(inner):
    result = inner("""
        import threading

        import pytest

        @pytest.fixture
        def broken():
            yield
            raise RuntimeError("teardown went wrong")

        def test_leaks_then_teardown_fails(broken):
            threading.Thread(target=threading.Event().wait, args=(1.5,)).start()
        """, "--loopsafe-leaks=fail")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines([
        "*ERROR at teardown of test_leaks_then_teardown_fails*",
        "E       RuntimeError: teardown went wrong",
        "*- loopsafe -*",
        "loopsafe: [[]leaked-thread[]] thread * still runs after the test*",
    ])


def test_a_libraryss_process_wide_executor_is_not_a_leak_but_work_left_running_on_it_is(inner):
    result = inner("""
        import threading
        from concurrent.futures import ThreadPoolExecutor

        _executors = {}  # asgiref-style: an executor for the process, made on first use
        release = threading.Event()

        def run_in_library_executor(fn, *args, name="default"):
            if name not in _executors:
                _executors[name] = ThreadPoolExecutor(max_workers=2)
            return _executors[name].submit(fn, *args)

        def test_first_use_starts_its_thread():
            assert run_in_library_executor(sum, [1, 2]).result() == 3

        def test_second_use():
            assert run_in_library_executor(sum, [3]).result() == 3

        def test_leaves_work_running():
            run_in_library_executor(release.wait, 5, name="other")

        def test_release():
            release.set()
        """, "--loopsafe-leaks=fail")
    result.assert_outcomes(passed=4, errors=1)
    result.stdout.fnmatch_lines([
        "ERROR test_inner.py::test_leaves_work_running - loopsafe: [[]leaked-thread[]] thread "
        "'ThreadPoolExecutor-*' still runs after the test; started at test_inner.py:10 in "
        "run_in_library_executor",
    ])
    assert "test_first_use_starts_its_thread -" not in result.stdout.str()

"""Other plugins that run tests their own way keep working beside loopsafe: pytest-rerunfailures
reruns, pytest-timeout times out, pytest-randomly reorders, pytest-xdist spreads, and every event
still lands on the test (and the run) that caused it."""

from __future__ import annotations

import json

import pytest

from .conftest import INNER_INI

pytestmark = pytest.mark.loopsafe(leaks="off", allow_blocking=True)

# Only the plugins a test names: the inner sessions must not depend on what else is installed.
BARE = ("-p", "no:cacheprovider", "-p", "no:hypothesispytest", "-p", "no:randomly",
        "-p", "no:rerunfailures")

FLAKY = """
    import asyncio
    import itertools
    import threading
    import time

    import pytest

    runs = {name: itertools.count() for name in ("fails", "blocks", "leaks")}

    @pytest.mark.flaky(reruns=1)
    def test_fails_once():
        assert next(runs["fails"]) > 0

    @pytest.mark.flaky(reruns=1)
    async def test_blocks_once():
        if next(runs["blocks"]) == 0:
            time.sleep(0.3)

    @pytest.mark.flaky(reruns=1)
    def test_leaks_once():
        if next(runs["leaks"]) == 0:
            threading.Thread(target=threading.Event().wait, args=(1.5,)).start()
    """


@pytest.fixture
def run(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch):
    pytester.makeini(INNER_INI)
    monkeypatch.setenv("COLUMNS", "300")

    def run(source: str, *args: str, subprocess: bool = False):
        pytester.makepyfile(test_inner=source)
        runner = pytester.runpytest_subprocess if subprocess else pytester.runpytest
        return runner(*args)

    return run


def _outcomes(result: pytest.RunResult) -> dict[str, int]:
    return {key: n for key, n in result.parseoutcomes().items() if n}


def _without(plugin: str) -> tuple[str, ...]:
    """``BARE`` with ``plugin`` left on."""
    args = list(BARE)
    at = args.index(f"no:{plugin}")
    del args[at - 1:at + 1]
    return tuple(args)


def test_rerunfailures_reruns_the_flaky_mark_and_what_loopsafe_failed(run):
    result = run(FLAKY, *_without("rerunfailures"), "--asyncio-mode=auto",
                 "--loopsafe-blocking=fail", "--loopsafe-leaks=fail")
    # a teardown error reruns too; its first run's call report had passed already
    assert _outcomes(result) == {"passed": 4, "rerun": 3}
    # the first runs' events stay in the summary, on their tests
    result.stdout.fnmatch_lines(["*loopsafe: 2 event(s) in 2 test(s)*"])


@pytest.mark.loopsafe(leaks="fail")  # the inner session's own threads are not this test's
def test_reruns_option_reruns_a_test_that_fails_once(run):
    """With pytest-xdist installed, rerunfailures starts a server thread for its status
    database in the inner session's ``pytest_configure``: pytest's hooks started it, not this
    test's code, so it is not a leaked thread of this (outer) test."""
    result = run("""
        import itertools

        runs = itertools.count()

        def test_fails_once():
            assert next(runs) > 0
        """, *_without("rerunfailures"), "--reruns=1")
    assert _outcomes(result) == {"passed": 1, "rerun": 1}
    result.stdout.fnmatch_lines(["*1 passed, 1 rerun*"])


def test_a_test_that_always_leaks_is_rerun_then_errors(run):
    result = run("""
        import threading

        def test_leaks():
            threading.Thread(target=threading.Event().wait, args=(1.5,)).start()
        """, *_without("rerunfailures"), "--reruns=1", "--loopsafe-leaks=fail")
    assert _outcomes(result) == {"passed": 2, "errors": 1, "rerun": 1}
    result.stdout.fnmatch_lines(["ERROR test_inner.py::test_leaks - loopsafe: [[]leaked-thread[]]*"])


def test_timeout_signal_method_fails_the_test_and_keeps_its_events(run, pytester):
    result = run("""
        import asyncio
        import time

        async def test_blocks_then_hangs():
            time.sleep(0.3)
            await asyncio.sleep(30)

        def test_next():
            pass
        """, *BARE, "-p", "timeout", "--timeout=2", "--timeout-method=signal",
        "--asyncio-mode=auto", "--loopsafe-report=report.json")
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(["*Failed: Timeout*"])
    events = json.loads((pytester.path / "report.json").read_text())["events"]
    assert {e["test"] for e in events} == {"test_inner.py::test_blocks_then_hangs"}
    assert "blocking-call" in [e["kind"] for e in events]


def test_randomly_reordered_tests_keep_their_own_events(run, pytester):
    source = """
        import asyncio
        import threading
        import time

        import pytest

        @pytest.mark.parametrize("n", range(6))
        async def test_maybe_blocks(n):
            if n % 2:
                time.sleep(0.15)
            await asyncio.sleep(0)

        @pytest.mark.parametrize("n", range(6))
        def test_maybe_leaks(n):
            if n % 3 == 0:
                threading.Thread(target=time.sleep, args=(1,)).start()
        """
    for seed in (1, 2):
        result = run(source, *_without("randomly"), "-p", "randomly", f"--randomly-seed={seed}",
                     "--asyncio-mode=auto", "--loopsafe-report=report.json")
        result.assert_outcomes(passed=12)
        events = json.loads((pytester.path / "report.json").read_text())["events"]
        assert sorted((e["test"], e["kind"]) for e in events) == sorted(
            [(f"test_inner.py::test_maybe_blocks[{n}]", "blocking-call") for n in (1, 3, 5)]
            + [(f"test_inner.py::test_maybe_leaks[{n}]", "leaked-thread") for n in (0, 3)])

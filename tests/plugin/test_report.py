"""The JSON report (``--loopsafe-report``), its merge across pytest-xdist workers, and the
terminal summary."""

from __future__ import annotations

import json

import pytest

from loopsafe.plugin.events import KINDS

pytestmark = pytest.mark.loopsafe(leaks="off", allow_blocking=True)

EVENTFUL = """
    import asyncio
    import threading
    import time

    import pytest

    release = threading.Event()

    @pytest.mark.parametrize("n", range({threads}))
    def test_thread(n):
        threading.Thread(target=release.wait, args=(5,)).start()

    @pytest.mark.parametrize("n", range({loops}))
    def test_loop(n):
        asyncio.new_event_loop()

    async def test_blocks():
        time.sleep(0.3)

    def test_quiet():
        pass

    def test_zz_release():
        release.set()
    """


def _report(path) -> dict:
    data = json.loads(path.read_text())
    assert data["version"] == 1
    for event in data["events"]:
        assert event["kind"] in KINDS
        assert set(event) >= {"kind", "test", "message", "location", "stack"}
    return data


def test_the_report_holds_every_event_with_its_test(inner, pytester):
    result = inner(EVENTFUL.format(threads=2, loops=1), "--asyncio-mode=auto",
                   "--loopsafe-report=out/report.json")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--loopsafe-report out/report.json: directory out does not exist*"])

    pytester.mkdir("out")
    result = inner(EVENTFUL.format(threads=2, loops=1), "--asyncio-mode=auto",
                   "--loopsafe-report=out/report.json")
    result.assert_outcomes(passed=6)
    data = _report(pytester.path / "out" / "report.json")
    by_test = {(e["test"], e["kind"]) for e in data["events"]}
    assert by_test == {("test_inner.py::test_thread[0]", "leaked-thread"),
                       ("test_inner.py::test_thread[1]", "leaked-thread"),
                       ("test_inner.py::test_loop[0]", "leaked-loop"),
                       ("test_inner.py::test_blocks", "blocking-call")}
    blocking = next(e for e in data["events"] if e["kind"] == "blocking-call")
    assert blocking["call"] == "time.sleep" and blocking["duration"] >= 0.3
    assert blocking["location"] == {"path": "test_inner.py", "line": 18, "function": "test_blocks"}
    result.stdout.fnmatch_lines(["report: out/report.json"])


def test_an_unwritable_report_path_is_named(inner, pytester):
    pytester.mkdir("taken")
    result = inner("def test_nothing(): pass", "--loopsafe-report=taken")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*loopsafe: --loopsafe-report taken: is a directory*"])
    assert "Traceback" not in result.stderr.str()


def test_xdist_workers_events_reach_the_one_report(inner, pytester):
    result = inner(EVENTFUL.format(threads=4, loops=4), "--asyncio-mode=auto", "-n", "2",
                   "--loopsafe-report=report.json", subprocess=True)
    result.assert_outcomes(passed=11)
    data = _report(pytester.path / "report.json")
    tests = sorted(e["test"] for e in data["events"] if e["kind"] != "blocking-call")
    assert tests == sorted([f"test_inner.py::test_thread[{n}]" for n in range(4)]
                           + [f"test_inner.py::test_loop[{n}]" for n in range(4)])
    assert [e["test"] for e in data["events"] if e["kind"] == "blocking-call"] == \
        ["test_inner.py::test_blocks"]
    result.stdout.fnmatch_lines(["*loopsafe: 9 event(s) in 9 test(s)*"])


def test_the_summary_is_a_table_by_test_and_stays_short(inner):
    result = inner(EVENTFUL.format(threads=1, loops=35), "--asyncio-mode=auto")
    result.assert_outcomes(passed=39)
    result.stdout.fnmatch_lines([
        "*loopsafe: 37 event(s) in 37 test(s)*",
        "test * kind * where * what",
        "test_inner.py::test_blocks * blocking-call * test_inner.py:18 * time.sleep held the event loop*",
        "test_inner.py::test_loop[[]0[]] * leaked-loop * test_inner.py:15 *",
        "... 7 more event(s); --loopsafe-report=PATH writes them all",
    ])


def test_a_crashed_xdist_worker_keeps_its_events_and_is_named(inner, pytester):
    result = inner("""
        import os
        import signal
        import time

        async def test_blocks_then_dies():
            time.sleep(0.3)
            os.kill(os.getpid(), signal.SIGKILL)

        async def test_blocks():
            time.sleep(0.3)
        """, "--asyncio-mode=auto", "-n", "2", "--loopsafe-report=report.json", subprocess=True)
    result.assert_outcomes(passed=1, failed=1)
    data = _report(pytester.path / "report.json")
    assert sorted((e["test"], e["kind"]) for e in data["events"]) == [
        ("test_inner.py::test_blocks", "blocking-call"),
        ("test_inner.py::test_blocks_then_dies", "blocking-call")]
    [lost] = data["lost"]
    assert lost["test"] == "test_inner.py::test_blocks_then_dies" and lost["worker"].startswith("gw")
    result.stdout.fnmatch_lines(["loopsafe: worker gw* (pid *) died while running "
                                 "test_inner.py::test_blocks_then_dies; its events up to then are kept"])


def test_an_interrupted_test_keeps_its_events(inner, pytester):
    result = inner("""
        import time

        async def test_interrupted():
            time.sleep(0.3)
            raise KeyboardInterrupt

        def test_never_runs():
            pass
        """, "--asyncio-mode=auto", "--loopsafe-report=report.json", subprocess=True)
    assert result.ret == pytest.ExitCode.INTERRUPTED
    data = _report(pytester.path / "report.json")
    assert [(e["test"], e["kind"]) for e in data["events"]] == \
        [("test_inner.py::test_interrupted", "blocking-call")]
    result.stdout.fnmatch_lines(["*loopsafe: 1 event(s) in 1 test(s)*"])


def test_timeout_thread_method_ending_the_process_still_writes_the_report(inner, pytester):
    result = inner("""
        import threading
        import time

        def test_leaks():
            threading.Thread(target=time.sleep, args=(1,)).start()

        async def test_blocks_then_hangs():
            time.sleep(0.3)
            threading.Event().wait(30)
        """, "--asyncio-mode=auto", "-p", "timeout", "--timeout=2", "--timeout-method=thread",
        "--loopsafe-report=report.json", subprocess=True)
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*+ Timeout +*"])
    data = _report(pytester.path / "report.json")
    assert sorted((e["test"], e["kind"]) for e in data["events"]) == [
        ("test_inner.py::test_blocks_then_hangs", "blocking-call"),
        ("test_inner.py::test_leaks", "leaked-thread")]
    assert data["lost"] == [{"worker": "main", "pid": data["lost"][0]["pid"],
                             "test": "test_inner.py::test_blocks_then_hangs"}]

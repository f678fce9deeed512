"""The blocked-loop detector end to end: one inner pytest session of scenarios, one check each.

The scenarios run once per module (in a subprocess, so the inner session owns
its plugin and loops) and every outer test asserts on the events of one inner
test. Blocking lasts 0.3s against the default 0.1s threshold and "short" blocking
5ms, so no outcome depends on the machine's speed. Expected lines are marked in
the inner source with ``# <- name`` comments.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

HELPERS = {
    "app/__init__.py": "",
    "app/slow.py": """
        import time

        def fetch():
            time.sleep(0.3)  # <- deep
            return 1

        def service():
            return fetch()
        """,
    "app/legacy.py": """
        import time

        def warm_cache():
            time.sleep(0.3)
        """,
    "app/imported_slowly.py": """
        import time

        time.sleep(0.3)  # the import system holds the loop here, not the user's line
        """,
    "conftest.py": """
        import pytest

        @pytest.fixture
        def anyio_backend():
            return "asyncio"
        """,
    "pytest.ini": """
        [pytest]
        asyncio_default_fixture_loop_scope = function
        """,
}

SCENARIOS = """
    import asyncio
    import select
    import socket
    import threading
    import time

    import pytest
    import uvloop

    from app.slow import service
    from app.legacy import warm_cache


    @pytest.mark.asyncio
    async def test_direct():
        time.sleep(0.3)  # <- direct


    @pytest.mark.asyncio
    async def test_deep_in_helper():
        service()


    def test_own_thread_loop():
        async def main():
            time.sleep(0.3)  # <- thread
        worker = threading.Thread(target=asyncio.run, args=(main(),))
        worker.start()
        worker.join()


    def test_thread_loop_fixture(thread_loop):
        async def main():
            time.sleep(0.3)  # <- thread_loop
        thread_loop.run(main())


    @pytest.mark.asyncio
    async def test_call_soon_callback():
        loop = asyncio.get_running_loop()
        done = loop.create_future()

        def callback():
            time.sleep(0.3)  # <- callback
            done.set_result(None)
        loop.call_soon(callback)
        await done


    def test_asyncio_run_in_sync_test():
        async def main():
            time.sleep(0.3)  # <- asyncio_run
        asyncio.run(main())


    @pytest.mark.anyio
    async def test_anyio_asyncio_backend():
        time.sleep(0.3)  # <- anyio


    def test_uvloop():
        async def main():
            time.sleep(0.3)  # <- uvloop
        uvloop.run(main())


    @pytest.mark.asyncio
    async def test_c_stall_poll():
        select.poll().poll(300)  # <- c_poll


    @pytest.mark.asyncio
    async def test_c_stall_lock():
        lock = threading.Lock()
        lock.acquire()
        lock.acquire(timeout=0.3)  # <- c_lock


    def test_c_stall_uvloop():
        async def main():
            select.poll().poll(300)  # <- c_uvloop
        uvloop.run(main())


    @pytest.mark.asyncio
    async def test_c_stall_holding_the_gil():
        sum(range(30_000_000))  # <- c_gil


    @pytest.mark.asyncio
    async def test_cpu_loop():
        end = time.perf_counter() + 0.3
        while time.perf_counter() < end: pass  # <- cpu


    @pytest.mark.asyncio
    async def test_short_sleeps_add_up():
        for _ in range(6):
            time.sleep(0.05)  # <- short_sleeps


    @pytest.mark.asyncio
    async def test_short_sleep():
        time.sleep(0.005)


    @pytest.mark.asyncio
    async def test_to_thread():
        await asyncio.to_thread(time.sleep, 0.3)


    @pytest.mark.asyncio
    async def test_run_in_executor():
        await asyncio.get_running_loop().run_in_executor(None, time.sleep, 0.3)


    @pytest.mark.asyncio
    async def test_thread_pool_fixture(thread_pool):
        await asyncio.get_running_loop().run_in_executor(thread_pool, time.sleep, 0.3)


    @pytest.mark.asyncio
    @pytest.mark.loopsafe(allow_blocking=True)
    async def test_marked_allowed():
        time.sleep(0.3)


    @pytest.mark.asyncio
    async def test_allow_listed_module():
        warm_cache()


    @pytest.mark.asyncio
    async def test_allow_listed_call():
        select.select([], [], [], 0.3)


    @pytest.mark.asyncio
    async def test_import_system():
        import app.imported_slowly  # noqa: F401


    @pytest.mark.asyncio
    async def test_sync_code_outside_any_loop():
        await asyncio.sleep(0)


    def test_sync_blocking_without_loop():
        time.sleep(0.3)


    @pytest.mark.asyncio
    async def test_error_passes_through():
        sock = socket.socket()
        with pytest.raises(OSError, match="not connected"):
            sock.recv(1)
        sock.close()
"""

# inner test -> (kind, call, marker) expected; None: no blocking event at all
EXPECTED = {
    "test_direct": ("blocking-call", "time.sleep", "direct"),
    "test_deep_in_helper": ("blocking-call", "time.sleep", "deep"),
    "test_own_thread_loop": ("blocking-call", "time.sleep", "thread"),
    "test_thread_loop_fixture": ("blocking-call", "time.sleep", "thread_loop"),
    "test_call_soon_callback": ("blocking-call", "time.sleep", "callback"),
    "test_asyncio_run_in_sync_test": ("blocking-call", "time.sleep", "asyncio_run"),
    "test_anyio_asyncio_backend": ("blocking-call", "time.sleep", "anyio"),
    "test_uvloop": ("blocking-call", "time.sleep", "uvloop"),
    "test_c_stall_poll": ("loop-lag", None, "c_poll"),
    "test_c_stall_lock": ("loop-lag", None, "c_lock"),
    "test_c_stall_uvloop": ("loop-lag", None, "c_uvloop"),
    "test_c_stall_holding_the_gil": ("loop-lag", None, "c_gil"),
    "test_cpu_loop": ("loop-lag", None, "cpu"),
    "test_short_sleeps_add_up": ("loop-lag", None, "short_sleeps"),
    "test_short_sleep": None,
    "test_to_thread": None,
    "test_run_in_executor": None,
    "test_thread_pool_fixture": None,
    "test_marked_allowed": None,
    "test_allow_listed_module": None,
    "test_allow_listed_call": None,
    "test_import_system": None,
    "test_sync_code_outside_any_loop": None,
    "test_sync_blocking_without_loop": None,
    "test_error_passes_through": None,
}

BLOCKING_KINDS = ("blocking-call", "loop-lag")


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))


def _markers(root: Path) -> dict[str, tuple[str, int]]:
    """``# <- name`` comments in the inner sources -> (path, line)."""
    found = {}
    for path in root.rglob("*.py"):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            match = re.search(r"# <- (\w+)", line)
            if match:
                found[match.group(1)] = (path.relative_to(root).as_posix(), number)
    return found


@pytest.fixture(scope="module")
def inner(tmp_path_factory):
    """Run the scenarios once; the events of each inner test, the outcomes and the markers."""
    root = tmp_path_factory.mktemp("scenarios")
    _write(root, {**HELPERS, "test_scenarios.py": SCENARIOS})
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
         "--loopsafe-blocking=warn", "--loopsafe-leaks=off", "--loopsafe-report=report.json",
         "--loopsafe-allow=app.legacy,select.select", "test_scenarios.py"],
        cwd=root, capture_output=True, text=True, timeout=240,
    )
    assert "passed" in result.stdout and "failed" not in result.stdout, result.stdout + result.stderr
    report = json.loads((root / "report.json").read_text())
    events: dict[str, list[dict]] = {}
    for event in report["events"]:
        if event["kind"] in BLOCKING_KINDS:
            events.setdefault(event["test"].split("::")[-1], []).append(event)
    return events, _markers(root)


@pytest.mark.parametrize("test_name", [n for n, e in EXPECTED.items() if e is not None])
def test_blocking_is_found_on_the_right_line(inner, test_name):
    events, markers = inner
    kind, call, marker = EXPECTED[test_name]
    found = events.get(test_name, [])
    assert len(found) == 1, found
    event = found[0]
    path, line = markers[marker]
    assert event["kind"] == kind
    assert event.get("call") == call
    assert (event["location"]["path"], event["location"]["line"]) == (path, line)
    assert event["duration"] >= 0.1
    assert f"{path}:{line}" in event["stack"][-1]


@pytest.mark.parametrize("test_name", [n for n, e in EXPECTED.items() if e is None])
def test_no_false_alarm(inner, test_name):
    events, _ = inner
    assert events.get(test_name, []) == []


def test_fail_mode_fails_the_test_and_keeps_real_errors(pytester):
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makepyfile(test_fail="""
        import pickle, time
        import pytest

        @pytest.mark.asyncio
        async def test_blocks():
            time.sleep(0.3)

        @pytest.mark.asyncio
        async def test_real_error_stays():
            time.sleep(0.001)
            raise KeyError("the real error")

        @pytest.mark.asyncio
        async def test_pickling_error_stays():
            pickle.dumps(lambda: None)
    """)
    result = pytester.runpytest("-p", "no:cacheprovider", "-p", "no:randomly", "--loopsafe-blocking=fail",
                                "--loopsafe-leaks=off")
    result.assert_outcomes(failed=3)
    result.stdout.fnmatch_lines([
        "*time.sleep held the event loop for 0.3*test_fail.py:6 in test_blocks*",
        "*KeyError: 'the real error'*",
        "*Can't * local object*",  # "pickle" before Python 3.13, "get" since
    ])

"""``@pytest.mark.loopsafe_explore`` in inner pytest sessions: a race that a stock loop
never loses fails under the explorer with its shrunk schedule and a replay line, the
replay reproduces it, a deadlock is a report (never a hang), corrected twins pass, and
pytest-asyncio's and anyio's markers on the same test leave the loop to the explorer.

Every inner session runs under pytest-timeout, so a hang fails the test instead of
stalling the suite; no test asserts a duration.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from loopsafe.plugin.explore.schedule import decode, encode

TIMEOUT = ("-p", "timeout", "--timeout=120")

SLEEP_AS_SYNC = """
import asyncio, time
import pytest

def warm(cache):
    time.sleep(0.01)
    cache["ready"] = True

@pytest.mark.loopsafe_explore(max_examples=50)
async def test_broken():
    cache = {}
    asyncio.get_running_loop().run_in_executor(None, warm, cache)
    await asyncio.sleep(0.1)
    assert cache.get("ready"), "read before the worker wrote"

@pytest.mark.loopsafe_explore(max_examples=50)
async def test_fixed():
    cache = {}
    await asyncio.get_running_loop().run_in_executor(None, warm, cache)
    assert cache.get("ready"), "read before the worker wrote"
"""

LOCK_ACROSS_AWAIT = """
import asyncio, threading
import pytest

lock = threading.Lock()
flushed = []

def flush():
    with lock:
        flushed.append(1)

@pytest.mark.loopsafe_explore(max_examples=50)
async def test_deadlock():
    flushing = asyncio.get_running_loop().run_in_executor(None, flush)
    await asyncio.sleep(0.01)
    with lock:
        await flushing
"""


def _replay(output: str) -> str:
    found = re.findall(r"--loopsafe-explore-replay=(s:[0-9.*]+)", output)
    assert found, output
    return found[0]


def test_a_race_fails_with_its_schedule_and_a_replay_line(inner, pytester) -> None:
    result = inner(SLEEP_AS_SYNC, *TIMEOUT, "--loopsafe-report=report.json")
    result.assert_outcomes(passed=1, failed=1)
    out = result.stdout.str()
    assert "test_broken fails on a schedule found by example" in out
    assert re.search(r"1\. \* the clock jumps \+0\.100s: Task-1's timer at test_inner\.py:12 fires"
                     r"\s+\[instead of: worker 1 `warm\(\)` starts\]", out), out
    assert "test_inner.py:13 in test_broken" in out and "read before the worker wrote" in out
    assert "pytest test_inner.py::test_broken --loopsafe-explore-replay=s:1" in out
    events = json.loads((pytester.path / "report.json").read_text())["events"]
    [event] = [e for e in events if e["kind"] == "schedule-failure"]
    assert event["test"] == "test_inner.py::test_broken"
    assert "--loopsafe-explore-replay=s:1" in event["message"]
    assert any("the clock jumps" in step for step in event["stack"])


def test_the_replay_line_reproduces_the_failure(inner) -> None:
    first = inner(SLEEP_AS_SYNC, *TIMEOUT, "-k", "broken")
    schedule = _replay(first.stdout.str())
    again = inner(SLEEP_AS_SYNC, *TIMEOUT, "-k", "broken", f"--loopsafe-explore-replay={schedule}")
    again.assert_outcomes(failed=1)
    out = again.stdout.str()
    assert f"test_broken fails on the replayed schedule {schedule}" in out
    assert "read before the worker wrote" in out
    # the canonical schedule is the stock loop's: it passes
    canonical = inner(SLEEP_AS_SYNC, *TIMEOUT, "-k", "broken", "--loopsafe-explore-replay=s:0")
    canonical.assert_outcomes(passed=1)


def test_the_marker_takes_the_schedule_to_replay(inner) -> None:
    source = SLEEP_AS_SYNC.replace("@pytest.mark.loopsafe_explore(max_examples=50)\nasync def test_broken",
                                   "@pytest.mark.loopsafe_explore(replay='s:1')\nasync def test_broken")
    result = inner(source, *TIMEOUT, "-k", "broken")
    result.assert_outcomes(failed=1)
    assert "fails on the replayed schedule s:1" in result.stdout.str()


def test_a_deadlock_is_reported_with_the_wait_for_cycle(inner) -> None:
    result = inner(LOCK_ACROSS_AWAIT, *TIMEOUT)
    result.assert_outcomes(failed=1)
    out = result.stdout.str()
    assert "deadlock: no task, worker or timer can make progress" in out
    assert ("Task-1 holds `threading.Lock` (test_inner.py:15) across `await`; "
            "worker 1 `flush()` waits for it at test_inner.py:8") in out
    assert "Task-1 awaits worker 1 `flush()` at test_inner.py:16" in out
    assert "Timeout" not in out


def test_corrected_twins_pass(inner) -> None:
    source = LOCK_ACROSS_AWAIT.replace("""    with lock:
        await flushing""", """    await flushing
    with lock:
        flushed.append(2)
    assert flushed[-2:] == [1, 2]""")
    inner(source, *TIMEOUT).assert_outcomes(passed=1)


def test_call_soon_order_and_pool_size_are_never_broken(inner) -> None:
    """Only legal schedules: callbacks keep their order, whatever the workers do, and an
    executor never runs more jobs at once than it has threads."""
    source = """
import asyncio, concurrent.futures, time
import pytest

@pytest.mark.loopsafe_explore(max_examples=100)
async def test_legal():
    loop = asyncio.get_running_loop()
    order, running, peak = [], [0], [0]

    def job(i):
        running[0] += 1
        peak[0] = max(peak[0], running[0])
        time.sleep(0.01)
        running[0] -= 1
        loop.call_soon_threadsafe(order.append, f"w{i}")

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        jobs = [loop.run_in_executor(pool, job, i) for i in range(3)]
        for i in range(5):
            loop.call_soon(order.append, i)
        await asyncio.gather(*jobs)
    assert [x for x in order if isinstance(x, int)] == [0, 1, 2, 3, 4]
    assert peak[0] <= 2
"""
    inner(source, *TIMEOUT).assert_outcomes(passed=1)


def test_pytest_asyncio_and_anyio_markers_leave_the_loop_to_the_explorer(inner) -> None:
    source = """
import asyncio, time
import pytest

def warm(cache):
    time.sleep(0.01)
    cache["ready"] = True

@pytest.mark.asyncio
@pytest.mark.loopsafe_explore(max_examples=50)
async def test_asyncio_marker():
    cache = {}
    asyncio.get_running_loop().run_in_executor(None, warm, cache)
    await asyncio.sleep(0.1)
    assert cache.get("ready")

@pytest.mark.anyio
@pytest.mark.parametrize("anyio_backend", ["asyncio", "trio"])
@pytest.mark.loopsafe_explore(max_examples=50)
async def test_anyio_marker(anyio_backend):
    cache = {}
    asyncio.get_running_loop().run_in_executor(None, warm, cache)
    await asyncio.sleep(0.1)
    assert cache.get("ready")
"""
    result = inner(source, *TIMEOUT, "-rs")
    result.assert_outcomes(failed=2, skipped=1)
    out = result.stdout.str()
    assert "test_asyncio_marker fails on a schedule" in out
    assert "test_anyio_marker[asyncio] fails on a schedule" in out
    assert "the anyio backend 'trio' is not explored" in out


def test_detectors_stay_on(inner) -> None:
    """A thread leaked by an explored test is still reported."""
    source = """
import asyncio, threading
import pytest

stop = threading.Event()

@pytest.mark.loopsafe_explore(max_examples=5)
async def test_leaks_a_thread():
    if not any(t.name == "leaky" for t in threading.enumerate()):
        threading.Thread(target=stop.wait, name="leaky", daemon=True).start()
    await asyncio.sleep(0)

def test_cleanup():
    stop.set()
"""
    result = inner(source, *TIMEOUT, "--loopsafe-leaks=fail", "-p", "no:randomly")
    result.assert_outcomes(failed=1, passed=1)
    assert "leaked-thread" in result.stdout.str()


def test_a_task_leaked_in_every_example_is_reported_once(inner, pytester) -> None:
    """Each example runs the test on a loop of its own and cancels what is left, as
    ``asyncio.run`` does; the task the test leaks is one leak of the test, not one per
    schedule tried."""
    source = """
import asyncio
import pytest

async def forever():
    await asyncio.Event().wait()

@pytest.mark.loopsafe_explore(max_examples=10)
async def test_leaks_a_task():
    asyncio.get_running_loop().create_task(forever())
    await asyncio.sleep(0)
"""
    result = inner(source, *TIMEOUT, "--loopsafe-leaks=warn", "--loopsafe-report=report.json",
                   subprocess=True)  # in-process, this session's detectors see the examples too
    result.assert_outcomes(passed=1)
    events = json.loads((pytester.path / "report.json").read_text())["events"]
    leaks = [e for e in events if e["kind"] == "leaked-task"]
    assert len(leaks) == 1, leaks
    assert leaks[0]["location"]["line"] == 9  # the create_task line
    assert "(forever) was still pending when its loop ended" in leaks[0]["message"]


def test_runs_under_xdist_and_the_report_is_merged(inner, pytester) -> None:
    result = inner(SLEEP_AS_SYNC, *TIMEOUT, "-n", "2", "--loopsafe-report=report.json",
                   subprocess=True)
    result.assert_outcomes(passed=1, failed=1)
    assert "--loopsafe-explore-replay=s:1" in result.stdout.str()
    events = json.loads((pytester.path / "report.json").read_text())["events"]
    assert [e["test"] for e in events if e["kind"] == "schedule-failure"] == ["test_inner.py::test_broken"]


@pytest.mark.parametrize(("marker", "message"), [
    ("loopsafe_explore(max_examples=0)", "loopsafe_explore(max_examples=...): 0 is not a positive integer"),
    ("loopsafe_explore(stall_timeout='2')", "loopsafe_explore(stall_timeout=...): '2' is not a positive number"),
    ("loopsafe_explore(5)", "loopsafe_explore(keyword arguments only, got (5,)"),
    ("loopsafe_explore(examples=5)", "unknown keyword 'examples'; expected max_examples, replay, stall_timeout"),
    ("loopsafe_explore(replay='1.2')", "replay schedule '1.2' does not start with 's:'"),
    ("loopsafe_explore(replay='s:1.x')", "replay schedule 's:1.x': 'x' is not a number or 0*N"),
])
def test_bad_markers_are_clear_errors(inner, marker: str, message: str) -> None:
    result = inner(f"""
import pytest

@pytest.mark.{marker}
async def test_x():
    pass
""", *TIMEOUT)
    result.assert_outcomes(failed=1)
    assert message in result.stdout.str()
    assert "Traceback" not in result.stdout.str()


def test_a_bad_option_is_a_usage_error(inner) -> None:
    result = inner("def test_x():\n    pass\n", "--loopsafe-explore-max-examples=many")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "'many' is not a positive integer" in result.stderr.str()


def test_a_sync_test_is_refused(inner) -> None:
    result = inner("""
import pytest

@pytest.mark.loopsafe_explore
def test_sync():
    pass
""", *TIMEOUT)
    result.assert_outcomes(failed=1)
    assert "the test must be an `async def`" in result.stdout.str()


def test_importing_the_plugin_does_not_import_hypothesis() -> None:
    code = "import sys, loopsafe.plugin; print('hypothesis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_threads_the_test_starts_and_fixture_locks_are_explored(inner, pytester) -> None:
    pytester.makeconftest("""
import threading
import pytest

@pytest.fixture
def shared_lock():
    return threading.RLock()
""")
    source = """
import asyncio, threading, time
import pytest

@pytest.mark.loopsafe_explore(max_examples=50)
async def test_thread_sleep_as_sync():
    state = {}
    def work():
        time.sleep(0.01)
        state["done"] = True
    threading.Thread(target=work).start()
    await asyncio.sleep(0.1)
    assert state.get("done"), "read before the thread wrote"

@pytest.mark.loopsafe_explore(max_examples=50)
async def test_thread_joined():
    state = {}
    def work():
        time.sleep(0.01)
        state["done"] = True
    thread = threading.Thread(target=work)
    thread.start()
    await asyncio.to_thread(thread.join)
    assert state.get("done")

@pytest.mark.loopsafe_explore(max_examples=50)
async def test_fixture_lock(shared_lock):
    def flush():
        with shared_lock:
            return 1
    flushing = asyncio.ensure_future(asyncio.to_thread(flush))
    await asyncio.sleep(0.05)
    with shared_lock:
        assert await flushing == 1
"""
    result = inner(source, *TIMEOUT)
    result.assert_outcomes(passed=1, failed=2)
    out = result.stdout.str()
    assert re.search(r"\* the clock jumps \+0\.100s: Task-1's timer at test_inner\.py:11 fires\s+"
                     r"\[instead of: thread 1 `work\(\)` starts\]", out), out
    assert "read before the thread wrote" in out
    assert ("Task-1 holds `threading.Lock` (test_inner.py:32) across `await`; "
            "worker 1 `flush()` waits for it at test_inner.py:28") in out


@given(st.lists(st.integers(0, 12), max_size=40))
def test_a_schedule_string_reads_back_as_its_decisions(choices: list[int]) -> None:
    text = encode(choices)
    trimmed = list(choices)
    while trimmed and trimmed[-1] == 0:
        trimmed.pop()
    assert decode(text)[:len(trimmed)] == trimmed
    assert not any(decode(text)[len(trimmed):])
    assert re.fullmatch(r"s:[0-9.*]+", text)


def test_a_worker_blocked_outside_the_explorer_is_reported_not_hung(inner) -> None:
    """A lock the explorer cannot see (made before the exploration, in C): the blocked
    worker is named where it waits, after the stall timeout."""
    result = inner("""
import asyncio, _thread
import pytest

lock = _thread.allocate_lock()

def flush():
    with lock:
        return 1

@pytest.mark.loopsafe_explore(replay="s:1", stall_timeout=0.5)
async def test_real_lock():
    flushing = asyncio.get_running_loop().run_in_executor(None, flush)
    await asyncio.sleep(0.01)
    with lock:
        await flushing
""", *TIMEOUT)
    result.assert_outcomes(failed=1)
    out = result.stdout.str()
    assert "deadlock: no task, worker or timer can make progress (nothing happened for 0.5s" in out
    assert ("worker 1 `flush()` is blocked in something the explorer does not control "
            "(a lock made before the test, C code, real I/O) at test_inner.py:7") in out

"""The lag watchdog on its own: stalls no patch can see (C calls, CPU), found and located.

Each test runs a watchdog and a registry of its own next to the session's plugin.
Stalls last 0.3s against a 0.1s threshold; responsive loops await in steps of 10ms."""

from __future__ import annotations

import asyncio
import os
import select
import sys
import threading
import time
from pathlib import Path

import pytest

from loopsafe.plugin.detectors import lag
from loopsafe.plugin.detectors.lag import LagWatchdog
from loopsafe.plugin.detectors.frames import UserCode
from loopsafe.plugin.detectors.loops import LoopRegistry
from loopsafe.plugin.events import Location

ROOT = Path(__file__).parents[2]
HERE = "tests/plugin/test_lag.py"

# Holding the loop is the point here; the session's own detector need not say so.
pytestmark = pytest.mark.loopsafe(allow_blocking=True)


class Found(list):
    """The stalls reported, with the watchdog and its in-call table at hand."""


@pytest.fixture
def stalls():
    registry = LoopRegistry(UserCode(ROOT))
    found = Found()
    in_call = {}
    watchdog = LagWatchdog(registry.user_code, found.append, in_call.get, threshold=0.1)
    registry.install()
    registry.add_listener(watchdog)
    watchdog.start()
    found.watchdog, found.in_call = watchdog, in_call
    yield found
    watchdog.stop()
    registry.uninstall()


def c_stall():
    select.poll().poll(300)


def test_a_stall_in_c_code_is_located_at_the_users_line(stalls):
    async def main():
        await asyncio.sleep(0.05)  # let a heartbeat go round first
        c_stall()

    asyncio.run(main())
    assert len(stalls) == 1
    stall = stalls[0]
    assert stall.duration >= 0.2 and not stall.ongoing
    line = c_stall.__code__.co_firstlineno + 1
    assert (stall.attribution.location.path, stall.attribution.location.line) == (HERE, line)
    assert stall.attribution.stack[-2:] == [
        f"{HERE}:{main.__code__.co_firstlineno + 2} main", f"{HERE}:{line} c_stall"]


def test_a_cpu_loop_in_a_threads_loop_is_found(stalls):
    async def main():
        end = time.perf_counter() + 0.3
        while time.perf_counter() < end: pass  # noqa: E701 -- one line, so one location

    worker = threading.Thread(target=asyncio.run, args=(main(),))
    worker.start()
    worker.join()
    assert [s.attribution.location.line for s in stalls] == [main.__code__.co_firstlineno + 2]
    assert stalls[0].thread_ident == worker.ident


def test_a_responsive_loop_has_no_stall(stalls):
    async def main():
        for _ in range(30):
            await asyncio.sleep(0.01)
            time.sleep(0.002)

    asyncio.run(main())
    assert stalls == []


def test_a_stall_still_going_on_is_reported_by_flush_and_only_once(stalls):
    started = threading.Event()

    async def main():
        started.set()
        select.poll().poll(600)

    worker = threading.Thread(target=asyncio.run, args=(main(),))
    worker.start()
    started.wait()
    time.sleep(0.35)
    stalls.watchdog.flush()
    assert [s.ongoing for s in stalls] == [True]
    worker.join()
    assert len(stalls) == 1  # the late heartbeat of that stall is not a second one


def test_samples_inside_an_intercepted_call_give_way_to_others(stalls):
    """A stall that is half an (intercepted) call and half CPU is located at the CPU."""
    async def main():
        await asyncio.sleep(0.05)
        stalls.in_call[threading.get_ident()] = "time.sleep"
        time.sleep(0.3)
        del stalls.in_call[threading.get_ident()]
        end = time.perf_counter() + 0.3
        while time.perf_counter() < end: pass  # noqa: E701

    asyncio.run(main())
    assert [s.attribution.location.line for s in stalls] == [main.__code__.co_firstlineno + 6]


def test_a_loop_given_its_own_threshold(stalls):
    async def main():
        stalls.watchdog.watch(asyncio.get_running_loop(), threshold=1.0)
        await asyncio.sleep(0.05)
        c_stall()

    asyncio.run(main())
    assert stalls == []


def test_an_asyncio_loop_is_timed_per_iteration_and_the_stall_covers_the_hold(stalls):
    """The measured stall is the whole iteration: never shorter than the hold inside it."""
    held = []

    async def main():
        await asyncio.sleep(0.05)
        assert stalls.watchdog._watches[id(asyncio.get_running_loop())].timed is not None
        started = time.perf_counter()
        c_stall()
        held.append(time.perf_counter() - started)

    asyncio.run(main())
    assert len(stalls) == 1 and stalls[0].sampled
    assert stalls[0].duration >= held[0]


@pytest.mark.parametrize("on_cpu", [True, False])
def test_a_stall_with_no_sample_is_reported_if_its_thread_was_on_the_cpu(on_cpu):
    """No sampling thread at all: a stall that kept its thread on the CPU (C code that
    keeps the interpreter) is reported at an unknown location; one spent off the CPU
    with no sample is the process starved by the machine, not the user's code."""
    registry = LoopRegistry(UserCode(ROOT))
    found = []
    watchdog = LagWatchdog(registry.user_code, found.append, {}.get, threshold=0.1)
    registry.install()
    registry.add_listener(watchdog)
    try:
        async def main():
            await asyncio.sleep(0.01)
            lag._mark_cpu(watchdog._watches[id(asyncio.get_running_loop())], time.perf_counter())
            if on_cpu:
                end = time.thread_time() + 0.2
                while time.thread_time() < end: pass  # noqa: E701
            else:
                c_stall()

        asyncio.run(main())
    finally:
        watchdog.stop()
        registry.uninstall()
    assert [(s.sampled, s.attribution) for s in found] == ([(False, None)] if on_cpu else [])


def test_the_sampling_thread_starts_with_the_first_loop_and_not_before():
    registry = LoopRegistry(UserCode(ROOT))
    watchdog = LagWatchdog(registry.user_code, lambda stall: None, {}.get, threshold=0.1)
    registry.install()
    registry.add_listener(watchdog)
    try:
        watchdog.start()
        assert watchdog._thread is None
        asyncio.run(asyncio.sleep(0))
        assert watchdog._thread is not None and watchdog._thread.is_alive()
    finally:
        watchdog.stop()
        registry.uninstall()


FORKS = """
    import asyncio, os, threading, warnings
    import pytest

    @pytest.mark.asyncio
    async def test_a_loop_runs_first():
        await asyncio.sleep(0.01)

    def test_fork_sees_no_thread_of_ours():
        assert not [t for t in threading.enumerate() if t.name.startswith("loopsafe")] or BLOCKING
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            pid = os.fork()
            if pid == 0:
                os._exit(0)
        os.waitpid(pid, 0)
        assert not [w for w in caught if "fork" in str(w.message)]
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only")
@pytest.mark.parametrize("blocking", ["off", "warn"])
def test_no_thread_when_blocking_is_off_and_none_across_a_fork(inner, blocking):
    """Python 3.12+ warns about fork() in a process with threads: the sampling thread
    does not exist with blocking off, and is stopped around every fork() otherwise."""
    result = inner(FORKS.replace("BLOCKING", str(blocking != "off")),
                   f"--loopsafe-blocking={blocking}", "-p", "no:randomly", subprocess=True)
    result.assert_outcomes(passed=2)


def test_a_stack_of_only_the_loops_own_frames_is_blind_and_a_users_is_not():
    """What a sample taken between the user's callbacks looks like: asyncio's frames down
    to the iteration (``_run_once``). It says nothing about who held the loop."""
    seen = []

    def callback():
        seen.append((lag._in_loop_machinery(sys._getframe(1)),
                     lag._in_loop_machinery(sys._getframe(0))))

    async def main():
        asyncio.get_running_loop().call_soon(callback)
        await asyncio.sleep(0.01)

    asyncio.run(main())
    assert seen == [(True, False)]


async def work():
    pass


@pytest.mark.parametrize("samples, cpu, named", [
    ("blind", 0.2, True),  # seen only after its task's coroutine returned, on the CPU
    ("none", 0.2, True),  # never sampled, on the CPU
    ("blind", 0.0, False),  # off the CPU: the machine starved the process
    ("tooling", 0.2, False),  # a sample shows tooling (or an import) at work
])
def test_a_stall_no_sample_located_is_named_by_its_tasks_coroutine_if_on_the_cpu(
        stalls, samples, cpu, named):
    """A C call that keeps the GIL to the very end of a task's step leaves at best a sample
    in asyncio's frames, the task's coroutine gone: reported (its thread on the CPU) at the
    coroutine's definition. The thread's CPU time since the mark, less the wall time
    between the mark and the stall's start, is what the stall used at least."""
    loop = asyncio.new_event_loop()
    try:
        task = loop.create_task(work())
        loop.run_until_complete(task)
    finally:
        loop.close()
    watch = lag._Watch(loop, None, 0.1, thread_ident=threading.get_ident())
    since = time.perf_counter()
    watch.cpu_mark = (since - 0.01, lag._thread_cpu(watch.thread_ident) - 0.01 - cpu)
    sample = {"blind": [lag._Sample(since, False, None, task, blind=True)], "none": [],
              "tooling": [lag._Sample(since, False, None, task)]}[samples]
    stall = stalls.watchdog._stall(watch, since, 0.3, sample, ongoing=False)
    if not named:
        assert stall is None
        return
    assert not stall.sampled
    if samples == "none":  # no task seen either: the detector names the test
        assert stall.attribution is None
    else:
        assert stall.attribution.location == Location(HERE, work.__code__.co_firstlineno, "work")

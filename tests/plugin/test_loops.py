"""The loop registry: it sees every loop start and stop, where loops and tasks were made,
and the tasks a runner is about to cancel. Each test installs a registry of its own
(on top of the session's) and removes it again."""

from __future__ import annotations

import asyncio
import asyncio.events
import asyncio.runners
import sys
import threading
from pathlib import Path

import pytest
import uvloop

from loopsafe.plugin.detectors.frames import UserCode
from loopsafe.plugin.detectors.loops import LoopRegistry

ROOT = Path(__file__).parents[2]


class Recorder:
    def __init__(self):
        self.calls = []

    def loop_started(self, loop, thread):
        self.calls.append(("started", loop, thread))

    def loop_stopped(self, loop, thread):
        self.calls.append(("stopped", loop, thread))

    def tasks_cancelled(self, loop, pending):
        self.calls.append(("cancelled", loop, [(t, t.done()) for t in pending]))


@pytest.fixture
def registry():
    registry = LoopRegistry(UserCode(ROOT))
    registry.install()
    registry.install()  # idempotent
    yield registry
    registry.uninstall()


@pytest.fixture
def recorder(registry):
    recorder = Recorder()
    registry.add_listener(recorder)
    return recorder


def test_uninstall_restores_everything():
    patched = [(asyncio.events, "_set_running_loop"), (asyncio, "_set_running_loop"),
               (asyncio.BaseEventLoop, "__init__"), (asyncio.BaseEventLoop, "create_task"),
               (asyncio.runners, "_cancel_all_tasks"), (asyncio, "create_task")]
    if sys.version_info >= (3, 11):
        patched.append((asyncio.runners.Runner, "run"))
    before = [vars(owner).get(name) for owner, name in patched]
    registry = LoopRegistry(UserCode(ROOT))
    registry.install()
    assert [vars(owner).get(name) for owner, name in patched] != before
    registry.uninstall()
    assert [vars(owner).get(name) for owner, name in patched] == before


def test_a_loop_in_another_thread_is_running_there(registry, recorder):
    seen = {}

    async def main():
        seen["running"] = registry.running()
        seen["loop"] = asyncio.get_running_loop()

    worker = threading.Thread(target=asyncio.run, args=(main(),))
    worker.start()
    worker.join()
    assert (seen["loop"], worker) in seen["running"]
    assert ("started", seen["loop"], worker) in recorder.calls
    assert ("stopped", seen["loop"], worker) in recorder.calls
    assert all(loop is not seen["loop"] for loop, _ in registry.running())


@pytest.mark.skipif(sys.version_info < (3, 11), reason="a loop that bypasses the funnel is "
                    "seen through asyncio.Runner, which Python 3.10 lacks")
def test_uvloop_is_seen_even_when_imported_first(registry, recorder):
    async def main():
        return [type(loop).__name__ for loop, _ in registry.running()]

    assert "Loop" in uvloop.run(main())
    assert any(kind == "started" and type(loop).__name__ == "Loop"
               for kind, loop, _ in recorder.calls)


def test_created_since_names_where_a_loop_was_made(registry):
    mark = registry.mark()
    loop = asyncio.new_event_loop()  # the line below is recorded
    line = test_created_since_names_where_a_loop_was_made.__code__.co_firstlineno + 2
    try:
        records = registry.created_since(mark)
        assert [r.loop_ref() for r in records] == [loop]
        location = records[0].created_location
        assert (location.path, location.line) == ("tests/plugin/test_loops.py", line)
        assert records[0].created_stack[-1] == f"tests/plugin/test_loops.py:{line} " \
                                               "test_created_since_names_where_a_loop_was_made"
        assert records[0].thread is None  # never ran
        assert registry.created_since(registry.mark()) == []
    finally:
        loop.close()


@pytest.mark.loopsafe(leaks="off")  # the leak is the point; the session's plugin sees it too
def test_pending_tasks_are_reported_before_the_runner_cancels_them(registry, recorder):
    async def forever():
        await asyncio.sleep(3600)

    async def main():
        task = asyncio.create_task(forever())
        await asyncio.sleep(0)
        return task

    task = asyncio.run(main())
    line = main.__code__.co_firstlineno + 1
    cancelled = [c for c in recorder.calls if c[0] == "cancelled"]
    assert [pending for _, _, pending in cancelled] == [[(task, False)]]
    assert task.cancelled()
    origin = registry.task_origin(task)
    assert (origin.path, origin.line, origin.function) == ("tests/plugin/test_loops.py", line, "main")


def test_a_failing_listener_does_not_break_the_loop(registry, capsys):
    class Broken:
        def loop_started(self, loop, thread):
            raise RuntimeError("listener bug")

    registry.add_listener(Broken())

    async def main():
        return 42

    assert asyncio.run(main()) == 42
    assert "listener bug" in capsys.readouterr().err

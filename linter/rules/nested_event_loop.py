"""# LS203 nested-event-loop

## What it does
Checks for a second event loop started where one already runs: `asyncio.run()`, `asyncio.Runner.run()`, `loop.run_until_complete()` or `loop.run_forever()` called in a coroutine, in a callback the loop runs (`loop.call_soon`, `call_later`, `add_signal_handler`, a task's `add_done_callback`), or in a sync function those call (followed through helpers and across files; the trace shows the path).

## Why is this bad?
A thread runs one event loop at a time. Inside a coroutine the loop is already running, so `asyncio.run()` raises `RuntimeError: asyncio.run() cannot be called from a running event loop` and `run_until_complete()` raises "This event loop is already running". The helper that "just runs this coroutine to completion" works in a script and breaks the day it is called from async code.

## Example
```python
import asyncio

def load_config():
    return asyncio.run(fetch_config())

async def main():
    config = load_config()
```

## Use instead
```python
async def load_config():
    return await fetch_config()

async def main():
    config = await load_config()
```
A sync function that must stay sync runs it in a thread from async code: `await asyncio.to_thread(load_config)`.
"""

from __future__ import annotations

from typing import Iterable

from ..analysis.facts import MODULE_LEVEL, CallSite, RawFinding
from ..analysis.loop_calls import (
    callee_name,
    coroutine_reaches,
    is_loop_method,
    path_trace,
    shown,
    typed_method,
)
from ..analysis.project import Project
from ..analysis.refs import Callee, FunctionRef
from ..catalogue import concurrency
from .base import ProjectRule

_RUNNERS = concurrency.LOOP_RUNNERS | concurrency.SYNC_BRIDGES
_LOOP_METHODS = concurrency.LOOP_RUN_METHODS
_CHECKS = concurrency.RUNNING_LOOP_CHECKS
_CHECK_METHODS = frozenset({"is_running"})
_NESTING_ALLOWED = concurrency.NEST_ASYNCIO


class _LoopStarts:
    """``direct`` for ``blocking.paths_to``: the calls that start an event loop in
    the calling thread, unless the function first checks for a running one."""

    def __init__(self, project: Project):
        self.project = project
        self._checked: dict[FunctionRef, bool] = {}

    def __call__(self, file_index: int, call: CallSite) -> Callee | None:
        project = self.project
        name = callee_name(project, file_index, call)
        runs = (name in _RUNNERS or typed_method(project, call, (concurrency.RUNNER,)) == f"{concurrency.RUNNER}.run"
                or is_loop_method(project, file_index, call, _LOOP_METHODS))
        if not runs or self._checks_first(file_index, call.function):
            return None
        return project.resolved(file_index, call) or Callee(call.text)

    def _checks_first(self, file_index: int, function: int) -> bool:
        if function == MODULE_LEVEL:
            return False
        ref = FunctionRef(file_index, function)
        if ref not in self._checked:
            # in a coroutine the answer is known: a loop runs
            self._checked[ref] = not self.project.function(ref).is_async and any(
                call.method in _CHECK_METHODS or callee_name(self.project, file_index, call) in _CHECKS
                for call in self.project.calls_in(ref))
        return self._checked[ref]


def _allows_nesting(project: Project) -> bool:
    """``nest_asyncio.apply()`` patches asyncio to allow exactly this."""
    return any(callee is not None and callee.name == _NESTING_ALLOWED for _, _, callee in project.iter_calls())


class NestedEventLoop(ProjectRule):
    code = "LS203"
    name = "nested-event-loop"
    summary = "`asyncio.run()` / `run_until_complete()` inside a coroutine or code it calls"

    def check(self, project: Project) -> Iterable[tuple[int, RawFinding]]:
        found = list(self._nested(project))
        if found and not _allows_nesting(project):  # asked only when there is something to excuse
            yield from found

    def _nested(self, project: Project) -> Iterable[tuple[int, RawFinding]]:
        for file_index, runner_function, path in coroutine_reaches(project, _LoopStarts(project)):
            call = path[0].call
            last = path[-1]
            runner = shown(last.call, last.callee.name if last.call.target else None)
            name = "a lambda" if runner_function.kind == "lambda" else f"`{runner_function.name}()`"
            where = (f"coroutine {name}" if runner_function.is_async
                     else f"{name}, a callback the event loop runs,")
            if len(path) == 1:
                message = (f"{runner} in {where} where an event loop already runs in this thread, so it raises "
                           f"`RuntimeError`; `await` the coroutine (or schedule it with `asyncio.create_task`)")
            else:
                names = " -> ".join([f"{runner_function.name}()", *(f"{s.call.text}()" for s in path)])
                message = (f"`{names}`: the sync helper `{call.text}()` starts an event loop while {where} "
                           f"runs on one, so it raises `RuntimeError`; make the helper async and await it, or "
                           f"call it with `await asyncio.to_thread({call.text}, ...)`")
            yield file_index, RawFinding(self.code, call.node, message, path_trace(project, path))


RULE = NestedEventLoop()

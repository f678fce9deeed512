"""# LS201 loop-api-from-thread

## What it does
Checks for event-loop APIs that are not thread-safe called from code that runs in a worker thread: `loop.call_soon`, `call_later`, `call_at`, `loop.create_task`, `asyncio.create_task`, `asyncio.ensure_future`, `Future.set_result` / `set_exception` / `cancel` on an asyncio future or task, `asyncio.Queue.put_nowait` / `get_nowait`, `asyncio.Event.set`, and `asyncio.get_running_loop()`. A function runs in a worker thread when it is a `threading.Thread` target, a `Thread` subclass's `run`, is passed to `run_in_executor`, `asyncio.to_thread`, a thread pool or `anyio.to_thread.run_sync`, or is called by such a function (followed across files).

## Why is this bad?
An event loop and the objects bound to it may only be touched from the loop's own thread. Called from another thread, `call_soon` and friends change the loop's internals without waking it up: the callback runs late or never, and concurrent changes can corrupt the loop's queues. `asyncio.get_running_loop()` raises `RuntimeError` in a thread that runs no loop.

## Example
```python
import asyncio
import threading

def worker(loop, fut):
    fut.set_result(compute())       # from the worker thread

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    threading.Thread(target=worker, args=(loop, fut)).start()
    print(await fut)
```

## Use instead
```python
def worker(loop, fut):
    loop.call_soon_threadsafe(fut.set_result, compute())
```
Schedule a coroutine from a thread with `asyncio.run_coroutine_threadsafe(coro, loop)`; with anyio, use `anyio.from_thread.run` / `run_sync`.
"""

from __future__ import annotations

from ..analysis.contexts import Reach
from ..analysis.facts import CallSite
from ..analysis.loop_calls import callee_name, is_loop_method, shown, typed_method
from ..analysis.project import Project
from ..catalogue import concurrency
from ._thread_code import ThreadCodeRule

_SCHEDULE = frozenset({"call_soon", "call_later", "call_at"})
_TASK = frozenset({"create_task"})
_THREADSAFE_CALLBACK = "use `loop.call_soon_threadsafe(...)` (or `anyio.from_thread.run_sync`)"
_THREADSAFE_CORO = "use `asyncio.run_coroutine_threadsafe(coro, loop)` (or `anyio.from_thread.run`)"
_OBJECT_METHODS = concurrency.LOOP_BOUND_SYNC_METHODS


class LoopApiFromThread(ThreadCodeRule):
    """``get_running_loop()`` calls that are probes (in a ``try`` that catches
    ``RuntimeError``, ``FileFacts.loop_probes``) are the check for "no loop here" in a
    thread, not a mistake."""

    code = "LS201"
    name = "loop-api-from-thread"
    summary = "a loop-only asyncio API called from a worker thread"
    methods = _SCHEDULE | _TASK | frozenset().union(*_OBJECT_METHODS.values())
    callees = concurrency.CREATE_TASK_FUNCTIONS | {concurrency.GET_RUNNING_LOOP}

    def match(self, project: Project, file_index: int, call: CallSite, reach: Reach | None) -> tuple[str, str] | None:
        text = f"{shown(call)} is not thread-safe"
        if is_loop_method(project, file_index, call, _SCHEDULE, reach):
            return text, f"{_THREADSAFE_CALLBACK}, e.g. `loop.call_soon_threadsafe(callback, ...)`"
        if is_loop_method(project, file_index, call, _TASK, reach):
            return text, _THREADSAFE_CORO
        name = callee_name(project, file_index, call)
        if name in concurrency.CREATE_TASK_FUNCTIONS:
            return text, _THREADSAFE_CORO
        if name == concurrency.GET_RUNNING_LOOP and call.node not in project.files[file_index].loop_probes:
            return (f"{shown(call)} raises `RuntimeError` in a thread that runs no loop",
                    "pass the loop to the thread and use `loop.call_soon_threadsafe` / "
                    "`asyncio.run_coroutine_threadsafe` with it")
        for owner, methods in _OBJECT_METHODS.items():
            if call.method in methods and typed_method(project, call, (owner,), reach):
                return text, f"{_THREADSAFE_CALLBACK}: `loop.call_soon_threadsafe({call.text}, ...)`"
        return None


RULE = LoopApiFromThread()

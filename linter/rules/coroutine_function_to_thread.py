"""# LS207 coroutine-function-to-thread

## What it does
Checks for a coroutine function (`async def`) handed to a thread or an executor to run: `threading.Thread(target=async_fn)`, `loop.run_in_executor(None, async_fn)`, `asyncio.to_thread(async_fn)`, `executor.submit(async_fn)`, a process pool, or a `functools.partial` or lambda around such a call.

## Why is this bad?
Calling a coroutine function does not run it: it returns a coroutine object. The thread or the pool calls the function, gets the coroutine, and drops it (or returns it as the "result"); the body never runs, and Python only warns "coroutine ... was never awaited" at garbage collection, if at all.

## Example
```python
import asyncio
import threading

async def refresh_cache():
    ...

threading.Thread(target=refresh_cache).start()
```

## Use instead
```python
# run it in a loop of the thread's own ...
threading.Thread(target=asyncio.run, args=(refresh_cache(),)).start()

# ... or, from a coroutine, on the running loop
task = asyncio.create_task(refresh_cache())
```
"""

from __future__ import annotations

from typing import Iterable

from ..analysis.facts import RawFinding
from ..analysis.handoffs import Handoff, callable_function, reported_handoffs
from ..analysis.project import Project
from ..analysis.refs import FunctionRef
from ..catalogue import python
from .base import ProjectRule

# Decorators that keep a coroutine function a coroutine function; any other may
# wrap it into something a thread can call.
_TRANSPARENT = frozenset({python.STATICMETHOD, python.CLASSMETHOD})


class CoroutineFunctionToThread(ProjectRule):
    code = "LS207"
    name = "coroutine-function-to-thread"
    summary = "a coroutine function handed to a thread or executor, never awaited"
    def check(self, project: Project) -> Iterable[tuple[int, RawFinding]]:
        for handoff in reported_handoffs(project):
            ref = callable_function(project, handoff.file, handoff.call, handoff.callable)
            if ref is None:
                continue
            coroutine = _coroutine_function(project, ref)
            if coroutine is not None:
                yield handoff.file, RawFinding(self.code, handoff.call.node, _message(project, handoff, ref, coroutine))


def _is_coroutine_function(project: Project, ref: FunctionRef) -> bool:
    function = project.function(ref)
    return function.kind == "def" and function.is_async and set(function.decorators) <= _TRANSPARENT


def _coroutine_function(project: Project, ref: FunctionRef) -> FunctionRef | None:
    """The coroutine function the callable is, or that a lambda's body calls
    (``lambda: fetch(url)``)."""
    if _is_coroutine_function(project, ref):
        return ref
    if project.function(ref).kind != "lambda":
        return None
    calls = project.calls_in(ref)
    if not calls:
        return None
    outermost = min(calls, key=lambda call: call.node)  # the walk numbers the outer call first
    callee = project.resolved(ref.file, outermost)
    if callee is not None and callee.function is not None and _is_coroutine_function(project, callee.function):
        return callee.function
    return None


def _message(project: Project, handoff: Handoff, ref: FunctionRef, coroutine: FunctionRef) -> str:
    name = project.function(coroutine).name
    given = f"coroutine function `{name}`" if ref == coroutine else f"a lambda calling coroutine function `{name}`"
    where = "a worker thread" if handoff.destination == "thread" else "a child process"
    return (f"{given} is handed to `{handoff.call.text}()`: {where} only creates the coroutine, which is "
            f"never awaited, so `{name}` never runs; await it (or `asyncio.create_task`) on the loop, "
            f"or give the thread `asyncio.run` and the coroutine: `Thread(target=asyncio.run, args=({name}(...),))`")


RULE = CoroutineFunctionToThread()

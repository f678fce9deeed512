"""# LS202 get-event-loop

## What it does
Checks for `asyncio.get_event_loop()` (under any name it is imported as) where it is wrong or on its way out:

- in a coroutine, where `asyncio.get_running_loop()` says what is meant (a safe automatic fix);
- where no event loop runs: at module level, in a sync function that then runs the loop itself (`loop.run_until_complete(...)`), or in code that runs in a worker thread.

## Why is this bad?
With no running loop, `get_event_loop()` used to create one silently. That is deprecated since Python 3.10 (a `DeprecationWarning` from 3.12) and raises `RuntimeError` from 3.14; in any thread but the main one it already raises "There is no current event loop". In a coroutine it works, but `get_running_loop()` is the API that cannot hand back a loop other than the one running the code.

## Example
```python
import asyncio

async def main():
    loop = asyncio.get_event_loop()
    await loop.run_in_executor(None, work)

loop = asyncio.get_event_loop()
loop.run_until_complete(main())
loop.close()
```

## Use instead
```python
async def main():
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, work)

asyncio.run(main())      # or: with asyncio.Runner() as runner: runner.run(main())
```
"""

from __future__ import annotations

import ast
from typing import Iterable


from .. import catalogue
from ..analysis.contexts import (
    calls_set_loop,
    describe_reach,
    import_time_code,
    reach_trace,
    sets_loop,
    thread_code,
)
from ..analysis.facts import MODULE_LEVEL, CallSite, RawFinding
from ..analysis.file_pass import FilePass
from ..analysis.project import Project
from ..analysis.refs import FunctionRef
from ..analysis.traversal import dotted, may_name
from ..catalogue import concurrency
from .base import FileRule, ProjectRule

GET_EVENT_LOOP = concurrency.GET_EVENT_LOOP
_RUNNING = concurrency.GET_RUNNING_LOOP
_RUNS_LOOP = concurrency.LOOP_RUN_METHODS
_DEPRECATED = "deprecated since Python 3.10 and an error from 3.14"
_INSTEAD = "use `asyncio.run(main())` or `asyncio.Runner`"


class GetEventLoop(FileRule, ProjectRule):
    """In a coroutine the per-file pass reports it with its fix; the other places
    need the project (thread code, what a function calls)."""

    code = "LS202"
    name = "get-event-loop"
    summary = "`asyncio.get_event_loop()` in a coroutine or where no loop runs"
    fixable = True
    node_types = (ast.Call,)

    def leave(self, ctx: FilePass, node: ast.Call) -> None:
        if (node.args or node.keywords or not may_name(node.func, "get_event_loop") or not ctx.in_coroutine()
                or catalogue.canonical(ctx.qualify(node.func) or "") != GET_EVENT_LOOP):
            return
        replacement = _running_loop_spelling(ctx, node.func)
        fix = None
        if replacement is not None:
            fix = (f"Replace with `{replacement}()`", ((ctx.node_index(node.func), replacement),))
        ctx.report(self.code, node, f"`{dotted(node.func)}()` in coroutine `{ctx.function.name}()`: use "
                                    f"`asyncio.get_running_loop()`, which always returns the loop running it",
                   fix)

    def check(self, project: Project) -> Iterable[tuple[int, RawFinding]]:
        for file_index in project.reported_files():
            for call in project.files[file_index].calls:
                if call.target != GET_EVENT_LOOP or call.args:
                    continue
                message, trace = self._where_no_loop(project, file_index, call)
                if message:
                    yield file_index, RawFinding(self.code, call.node, message, trace)

    def _where_no_loop(self, project: Project, file_index: int, call: CallSite) -> tuple[str | None, tuple]:
        shown = f"`{call.text}()`"
        ref = FunctionRef(file_index, call.function) if call.function != MODULE_LEVEL else None
        if ref is None or project.function(ref).kind == "class":
            if calls_set_loop(project, file_index, _module_calls(project, file_index)):
                return None, ()
            return (f"{shown} at module level, where no event loop runs: {_DEPRECATED}; {_INSTEAD}"), ()
        function = project.function(ref)
        if function.kind != "def" or function.is_async:
            return None, ()
        reach = thread_code(project).get(ref)
        if reach is not None:
            return (f"{shown} in a worker thread raises `RuntimeError` (no current event loop): "
                    f"{describe_reach(project, reach)}; pass the loop to the thread, or use "
                    f"`asyncio.run` there"), reach_trace(project, reach, file_index, call, f"{call.text}()")
        if sets_loop(project, ref):
            return None, ()
        if any(c.method in _RUNS_LOOP for c in project.calls_in(ref)):
            return (f"{shown} in `{function.name}()`, which then runs the loop itself, so none is running "
                    f"yet: {_DEPRECATED}; {_INSTEAD}"), ()
        at_import = import_time_code(project).get(ref)
        if at_import is not None:
            path = " -> ".join(f"{step.call.text}()" for step in at_import.path)
            start = at_import.start[1].text if at_import.start else function.name
            via = f"`{start}()`" + (f" -> {path}" if path else "")
            return (f"{shown} in `{function.name}()`, which module-level code runs ({via}) before any event "
                    f"loop: {_DEPRECATED}; {_INSTEAD}"), reach_trace(project, at_import, file_index, call,
                                                                    f"{call.text}()")
        return None, ()


def _module_calls(project: Project, file_index: int) -> list[CallSite]:
    return [c for c in project.files[file_index].calls if c.function == MODULE_LEVEL]


def _running_loop_spelling(ctx: FilePass, func: ast.expr) -> str | None:
    """How to call ``asyncio.get_running_loop`` here with the file's imports:
    ``aio.get_event_loop`` -> ``aio.get_running_loop``; a bare imported name
    only when the file also binds one for ``get_running_loop`` or ``asyncio``."""
    if type(func) is ast.Attribute:
        base = dotted(func.value)
        return f"{base}.get_running_loop" if base else None
    for name, binding in ctx.scopes[0].names.items():
        if binding.ref == _RUNNING and ctx.qualify(ast.Name(name)) == _RUNNING:
            return name
    for name, binding in ctx.scopes[0].names.items():
        if binding.ref == "asyncio" and ctx.qualify(ast.Name(name)) == "asyncio":
            return f"{name}.get_running_loop"
    return None


RULE = GetEventLoop()

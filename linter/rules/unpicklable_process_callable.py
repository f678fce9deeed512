"""# LS302 unpicklable-process-callable

## What it does
Checks for a callable that cannot be pickled sent to another process: a lambda, a function defined inside another function, a method of a class defined inside a function, or a `functools.partial` of one of those, given to `multiprocessing.Process(target=...)` (also from a `get_context()` context), a `multiprocessing.Pool` method (`map`, `apply_async`, `starmap`, `imap`...), `ProcessPoolExecutor.submit`/`map`, `loop.run_in_executor` with a process pool, `anyio.to_process.run_sync`, or as the `initializer` of a `multiprocessing.Pool` or `ProcessPoolExecutor`.

Module-level functions, methods of module-level classes and `functools.partial` of those are fine. A `Process` target or a pool initializer in a module that selects the `fork` start method is not reported: a forked child inherits them instead of unpickling them.

## Why is this bad?
Work sent to another process is pickled, and pickle stores a function by its importable name (`module.qualified_name`). A lambda is named `<lambda>` and a nested function `outer.<locals>.inner`: neither can be imported back, so the call fails with `PicklingError` / `AttributeError: Can't pickle local object` — at submit time, or inside the pool where the error surfaces only when the result is awaited. `multiprocessing.Process` targets are pickled too under the `spawn` and `forkserver` start methods (Windows, macOS, and Linux from Python 3.14).

## Example
```python
import asyncio
from concurrent.futures import ProcessPoolExecutor

async def main(pages):
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor() as pool:
        return await loop.run_in_executor(pool, lambda: [len(p) for p in pages])
```

## Use instead
```python
import asyncio
from concurrent.futures import ProcessPoolExecutor

def sizes(pages):
    return [len(p) for p in pages]

async def main(pages):
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor() as pool:
        return await loop.run_in_executor(pool, sizes, pages)
```
"""

from __future__ import annotations

from typing import Iterable

from ..analysis.facts import ArgRef, CallSite, RawFinding
from ..analysis.executor_params import held_type, receiver_attribute
from ..analysis.handoffs import PROCESS, Handoff, reported_handoffs
from ..analysis.process_calls import (
    RUN_IN_EXECUTOR,
    creates_process_pool,
    executor_type_of,
    is_a,
    is_process_pool,
    selects_fork,
)
from ..analysis.project import Project
from .. import catalogue
from ..catalogue import concurrency
from .base import ProjectRule

_LOCAL = ".<locals>."
_INITIALIZER_POSITIONS = concurrency.INITIALIZER_POSITIONS
_UNPICKLABLE = concurrency.UNPICKLABLE_TYPES
_SET_START_METHOD = "multiprocessing.set_start_method"
# hand-offs to an executor of unknown kind (the table takes it for a thread pool)
_ANY_EXECUTOR = frozenset({concurrency.EXECUTOR_SUBMIT, f"{concurrency.EXECUTOR}.map"})


class UnpicklableProcessCallable(ProjectRule):
    code = "LS302"
    name = "unpicklable-process-callable"
    summary = "a lambda, nested function or local-class method sent to another process"

    def check(self, project: Project) -> Iterable[tuple[int, RawFinding]]:
        fork_files: dict[int, tuple[bool, bool]] = {}

        def forked(file_index: int, call: CallSite) -> bool:
            """A forked child inherits a Process target or a pool initializer: those are
            pickled only by spawn and forkserver. ``set_start_method("fork")`` makes every
            process of the program forked; ``get_context("fork")`` only those made from a
            context (``ctx.Process``, ``ProcessPoolExecutor(mp_context=ctx)``)."""
            if file_index not in fork_files:
                selected = [selects_fork(project, c) for c in project.files[file_index].calls]
                fork_files[file_index] = (any(s and s.startswith(_SET_START_METHOD) for s in selected),
                                          any(s and not s.startswith(_SET_START_METHOD) for s in selected))
            everywhere, in_contexts = fork_files[file_index]
            from_context = (call.receiver is not None and is_a(project, call.receiver, concurrency.MP_CONTEXT)
                            or call.kwarg("mp_context") is not None)
            return everywhere or (in_contexts and from_context)

        for handoff in reported_handoffs(project):
            if not _to_process(project, handoff):
                continue
            what = _unpicklable(project, handoff.callable)
            if what is None or (handoff.api.name.endswith(".Process") and forked(handoff.file, handoff.call)):
                continue
            yield handoff.file, RawFinding(self.code, handoff.call.node, _message(what, handoff.call.text))
        for file_index, call in project.reported_calls():
            initializer = _initializer(project, call)
            what = _unpicklable(project, initializer) if initializer is not None else None
            if what is not None and not forked(file_index, call):
                yield file_index, RawFinding(self.code, call.node, _message(f"{what} (as the initializer of every worker)", call.text))


def _initializer(project: Project, call: CallSite) -> ArgRef | None:
    """The ``initializer`` a process pool is created with, run in every worker."""
    pool = creates_process_pool(project, call)
    if pool is None or pool not in _INITIALIZER_POSITIONS:
        return None
    return call.arg(_INITIALIZER_POSITIONS[pool], "initializer")


def _to_process(project: Project, handoff: Handoff) -> bool:
    if handoff.destination == PROCESS:
        return True
    # the hand-off table leaves untyped an executor held in an attribute (`self.pool`) or
    # passed in as a parameter
    if handoff.api.name == RUN_IN_EXECUTOR:
        return is_process_pool(project, executor_type_of(project, handoff.file, handoff.call))
    if handoff.api.name in _ANY_EXECUTOR:  # `self.pool.submit(...)` with `self.pool` an `Executor`
        held = receiver_attribute(project, handoff.file, handoff.call)
        return held is not None and is_process_pool(project, held_type(project, *held))
    return False


def _unpicklable(project: Project, ref: ArgRef) -> str | None:
    """How to name the callable in the message, when pickle cannot send it."""
    if ref.kind == "lambda":
        return "a lambda"
    if ref.kind == "partial" and ref.inner is not None:
        inner = _unpicklable(project, ref.inner)
        return f"`functools.partial` of {inner}" if inner else None
    if ref.kind == "ref" and _LOCAL in ref.value:
        name = project.resolve(ref.value)
        function = project.functions.get(name)
        if not function:
            return None
        owner, _, short = name.rpartition(".")
        if project.function(function[0]).cls:
            return f"the method `{short}` of class `{owner.rpartition('.')[2]}`, defined inside `{_outer(name)}()`"
        return f"the nested function `{short}` (defined inside `{_outer(name)}()`)"
    if ref.kind == "method":
        # `obj.run`: "owner type.method", or the owner in `type` (hand-off facts)
        owner, method = (ref.type, ref.value) if ref.type else ref.value.rpartition(".")[::2]
        owner = project.resolve_type(owner) or owner
        if _LOCAL in owner:
            return (f"the method `{method}` of class `{owner.rpartition('.')[2]}`, "
                    f"defined inside `{_outer(owner)}()`")
        held = _unpicklable_attribute(project, owner)
        if held is not None:
            return (f"the bound method `{method}` to another process; its instance is pickled with "
                    f"it and holds `self.{held[0]}`, a `{held[1]}`{_STATE}")
    return None


def _unpicklable_attribute(project: Project, cls: str) -> tuple[str, str] | None:
    """An attribute of ``cls`` (or a base) that pickle refuses: a lock, a thread, a socket..."""
    for owner in project.mro(cls):
        for name, type_name in project.classes[owner][1].attributes:
            resolved = project.resolve_type(type_name)
            if resolved and any(t in _UNPICKLABLE for t in catalogue.type_ancestry(resolved)):
                return name, resolved
    return None


def _outer(qualname: str) -> str:
    """``pkg.mod.main.<locals>.inner`` -> ``main``."""
    return qualname.split(_LOCAL)[0].rpartition(".")[2]


# the end of the message where the instance, not the function, is what pickle refuses
_STATE = ("; pickle refuses such an object (TypeError: cannot pickle it): send a module-level function "
          "the data it needs, and make the lock or the resource in the worker")


def _message(what: str, sent_by: str) -> str:
    if what.endswith(_STATE):
        return f"`{sent_by}()` sends {what}"
    return (f"`{sent_by}()` sends {what} to another process, and it cannot be pickled: pickle "
            f"stores a function by its importable name, which it does not have (PicklingError, "
            f"\"Can't pickle local object\"); define the function at module level and pass it, "
            f"with `functools.partial` of it for extra arguments")


RULE = UnpicklableProcessCallable()

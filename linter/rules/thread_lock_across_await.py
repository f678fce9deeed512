"""# LS205 thread-lock-across-await

## What it does
Checks for a threading lock (`threading.Lock`, `RLock`, `Semaphore`, `BoundedSemaphore`, `Condition`, and their `multiprocessing` counterparts) held across an `await` in a coroutine: `with lock:` whose body awaits (or, in an async generator, yields), or `lock.acquire()` followed by an `await` before `lock.release()`.

## Why is this bad?
While the coroutine is suspended at the `await`, it still holds the lock, and every other task runs on the same thread. The next task that takes the lock blocks the thread, so the event loop stops, and the task that would release the lock can never resume: with a `Lock`, the program deadlocks. An `RLock` does not even exclude the other tasks, since they all run on the owning thread.

## Example
```python
import threading

lock = threading.Lock()

async def update(cache, key):
    with lock:
        cache[key] = await fetch(key)
```

## Use instead
```python
import asyncio

lock = asyncio.Lock()

async def update(cache, key):
    async with lock:
        cache[key] = await fetch(key)
```
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import libcst as cst

from ..catalogue import concurrency
from .. import catalogue
from ..analysis.facts import RawFinding
from ..analysis.file_pass import FilePass, dotted
from ..analysis.project import Project
from ._loop_syntax import file_state, own_nodes
from .base import FileRule, ProjectRule

THREAD_LOCKS = concurrency.THREAD_LOCKS


@dataclass(frozen=True)
class HeldLock:
    """A lock expression of (possibly unresolved) type ``type`` held across an
    await at node ``node``, in coroutine ``coroutine``; ``how`` is ``with`` or ``acquire``."""

    node: int
    type: str
    text: str
    coroutine: str
    how: str


def _awaits(node: cst.CSTNode) -> bool:
    """A suspension point in a coroutine's code, not in nested functions: an
    await, ``async for``/``async with``, or an async generator's ``yield``."""
    for current in own_nodes(node):
        t = type(current)
        if t is cst.Await or t is cst.Yield or (t in (cst.For, cst.With) and current.asynchronous is not None):
            return True
    return False


def _acquired(statement: cst.BaseStatement, method: str) -> cst.Call | None:
    """The call of a statement that is just ``x.acquire()`` (or ``x.release()``)."""
    if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
        expr = statement.body[0]
        if isinstance(expr, cst.Expr) and isinstance(expr.value, cst.Call):
            func = expr.value.func
            if isinstance(func, cst.Attribute) and func.attr.value == method:
                return expr.value
    return None


class ThreadLockAcrossAwait(FileRule, ProjectRule):
    """The per-file pass finds locks held across awaits; the project pass decides,
    with types resolved across files (``self.store.lock``), which are threading locks."""

    code = "LS205"
    name = "thread-lock-across-await"
    summary = "a threading lock held across an `await`"
    node_types = (cst.With, cst.IndentedBlock, cst.Call)

    def visit(self, ctx: FilePass, node) -> None:
        t = type(node)
        # ids of `x.acquire()` calls an await follows; typed when the walk reaches
        # them, once the names assigned before them are bound
        pending = file_state(ctx, "_ls205_pending", set)
        if t is cst.Call:
            if id(node) in pending:
                pending.discard(id(node))
                self._note(ctx, node.func.value, node, "acquire")
        elif not ctx.in_coroutine():
            return
        elif t is cst.With:
            if node.asynchronous is None and _awaits(node.body):
                for item in node.items:
                    self._note(ctx, item.item, node, "with")
        else:
            pending.update(self._acquired_across_await(node.body))

    @staticmethod
    def _acquired_across_await(body) -> Iterable[int]:
        """``lock.acquire()`` as a statement, then an await before ``lock.release()``."""
        for position, statement in enumerate(body):
            call = _acquired(statement, "acquire")
            if call is None or call.args:
                continue
            text = dotted(call.func.value)
            for later in body[position + 1:]:
                released = _acquired(later, "release")
                if released is not None and dotted(released.func.value) == text:
                    break
                if _awaits(later):
                    yield id(call)
                    break

    def _note(self, ctx: FilePass, lock: cst.BaseExpression, at: cst.CSTNode, how: str) -> None:
        lock_type = ctx.type_of(lock)
        if lock_type is None and isinstance(lock, cst.Attribute):
            owner = ctx.qualify(lock.value)  # `Cache._lock`: a class attribute, typed by the project pass
            lock_type = f"{owner}::{lock.attr.value}" if owner else None
        if lock_type:
            ctx.record(self.code, HeldLock(ctx.node_index(at), lock_type, dotted(lock) or "the lock",
                                           ctx.function.name, how))

    def check(self, project: Project) -> Iterable[tuple[int, RawFinding]]:
        for file_index, facts in enumerate(project.files):
            for held in facts.extra.get(self.code, ()):
                resolved = project.resolve_type(held.type)
                ancestry = catalogue.type_ancestry(resolved) if resolved else ()
                kind = next((t for t in THREAD_LOCKS if t in ancestry), None)
                if kind is None:
                    continue
                taken = "`with` block" if held.how == "with" else "`acquire()` ... `release()`"
                message = (f"`{held.text}` ({kind}) is held across `await` in coroutine `{held.coroutine}()` "
                           f"({taken}): another task taking it blocks the event loop's thread, and the holder "
                           f"can never resume to release it; use `asyncio.Lock` with `async with`")
                yield file_index, RawFinding(self.code, held.node, message)


RULE = ThreadLockAcrossAwait()

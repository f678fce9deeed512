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

from typing import Iterable

from .. import catalogue
from ..analysis.facts import RawFinding
from ..analysis.project import Project
from ..catalogue import concurrency
from .base import ProjectRule


class ThreadLockAcrossAwait(ProjectRule):
    """The per-file pass notes the locks held across awaits (``FileFacts.held_locks``);
    this decides, with types resolved across files (``self.store.lock``), which are
    threading locks."""

    code = "LS205"
    name = "thread-lock-across-await"
    summary = "a threading lock held across an `await`"

    def check(self, project: Project) -> Iterable[tuple[int, RawFinding]]:
        for file_index in project.reported_files():
            for held in project.files[file_index].held_locks:
                resolved = project.resolve_type(held.type)
                ancestry = catalogue.type_ancestry(resolved) if resolved else ()
                kind = next((t for t in concurrency.THREAD_LOCKS if t in ancestry), None)
                if kind is None:
                    continue
                taken = "`with` block" if held.how == "with" else "`acquire()` ... `release()`"
                message = (f"`{held.text}` ({kind}) is held across `await` in coroutine `{held.coroutine}()` "
                           f"({taken}): another task taking it blocks the event loop's thread, and the holder "
                           f"can never resume to release it; use `asyncio.Lock` with `async with`")
                yield file_index, RawFinding(self.code, held.node, message)


RULE = ThreadLockAcrossAwait()

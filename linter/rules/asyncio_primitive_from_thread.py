"""# LS206 asyncio-primitive-from-thread

## What it does
Checks for methods of asyncio synchronisation objects (`asyncio.Lock`, `Event`, `Condition`, `Semaphore`, `BoundedSemaphore`, `Barrier`, `Queue` and its subclasses) called from code that runs in a worker thread: `lock.release()`, `event.clear()`, `cond.notify()`, `queue.task_done()`, and the coroutine methods (`queue.put(...)`, `event.wait()`, `lock.acquire()`) unless the coroutine is handed to `asyncio.run_coroutine_threadsafe`. (`Queue.put_nowait`/`get_nowait` and `Event.set` are LS201.)

## Why is this bad?
asyncio primitives are not thread-safe: they wake their waiters by scheduling callbacks on the loop, which only works from the loop's thread. Released or set from another thread, a waiter may never wake up, and the object's state can be corrupted. A coroutine method called in a thread does nothing at all: the coroutine is never awaited.

## Example
```python
import asyncio
import threading

async def main():
    done = asyncio.Event()
    jobs = asyncio.Queue()

    def worker():
        ...
        jobs.task_done()
        done.clear()

    threading.Thread(target=worker).start()
```

## Use instead
```python
    def worker():
        ...
        loop.call_soon_threadsafe(jobs.task_done)
        loop.call_soon_threadsafe(done.clear)
```
For coroutine methods: `asyncio.run_coroutine_threadsafe(jobs.put(item), loop)`. Objects shared between threads only: `queue.Queue`, `threading.Event`.
"""

from __future__ import annotations

from ..analysis.contexts import Reach
from ..analysis.facts import CallSite
from ..analysis.loop_calls import callee_name, shown, typed_method
from ..analysis.project import Project
from ..analysis.refs import FunctionRef
from ..catalogue import concurrency
from ._thread_code import ThreadCodeRule

PRIMITIVES = concurrency.ASYNCIO_PRIMITIVES
_SYNC_METHODS = frozenset({"task_done", "clear", "release", "notify", "notify_all", "reset", "abort"})
_COROUTINE_METHODS = frozenset({"put", "get", "join", "wait", "wait_for", "acquire"})
_HANDED_TO_LOOP = concurrency.RUN_COROUTINE_THREADSAFE


class AsyncioPrimitiveFromThread(ThreadCodeRule):
    code = "LS206"
    name = "asyncio-primitive-from-thread"
    summary = "an asyncio Lock/Event/Queue/Condition used from a worker thread"
    methods = _SYNC_METHODS | _COROUTINE_METHODS

    def match(self, project: Project, file_index: int, call: CallSite, reach: Reach | None) -> tuple[str, str] | None:
        if call.method not in _SYNC_METHODS and call.method not in _COROUTINE_METHODS:
            return None
        owner = typed_method(project, call, PRIMITIVES, reach)
        if owner is None:
            return None
        kind = owner.rpartition(".")[0]
        if call.method in _SYNC_METHODS:
            return (f"{shown(call)} is a method of an `{kind}`, which belongs to the event loop and is not "
                    f"thread-safe", f"have the loop call it: `loop.call_soon_threadsafe({call.text}, ...)`; "
                    f"objects shared with threads want `queue.Queue` / `threading` primitives")
        if self._handed_to_loop(project, file_index, call):
            return None
        return (f"{shown(call)} creates a coroutine of an `{kind}`, which never runs in this thread",
                f"run it on the loop: `asyncio.run_coroutine_threadsafe({call.text}(...), loop).result()`")

    @staticmethod
    def _handed_to_loop(project: Project, file_index: int, call: CallSite) -> bool:
        """``asyncio.run_coroutine_threadsafe(queue.put(item), loop)`` in the same function."""
        for other in project.calls_in(FunctionRef(file_index, call.function)):
            if callee_name(project, file_index, other) != _HANDED_TO_LOOP or not other.args:
                continue
            coroutine = other.args[0]
            if coroutine.kind == "call" and coroutine.value.endswith(f".{call.method}"):
                return True
        return False


RULE = AsyncioPrimitiveFromThread()

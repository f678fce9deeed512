"""# LS101 sleep-in-coroutine

## What it does
Checks for `time.sleep()` (under any name it is imported as) called in a coroutine, directly or through sync functions the coroutine calls, and `psutil.cpu_percent(interval=...)`, which sleeps for its interval.

A safe automatic fix turns a `time.sleep(x)` statement of the coroutine itself into `await asyncio.sleep(x)`, under the name the module gives asyncio (or `asyncio.sleep`); a module that does not import asyncio gets `import asyncio` among its imports.

## Why is this bad?
`time.sleep()` stops the thread it runs in. In a coroutine that thread is the event loop's: while it sleeps, no other task runs, no timer fires and no socket is served. One `time.sleep(1)` in a request handler stalls every request of the process for a second.

## Example
```python
import time

async def poll(job):
    while not job.done():
        time.sleep(0.5)
```

## Use instead
```python
import asyncio

async def poll(job):
    while not job.done():
        await asyncio.sleep(0.5)
```
"""

from ..analysis.blocking import BlockingCall
from ..analysis.facts import NEW_IMPORT
from ..analysis.project import Project
from ..catalogue import Kind
from ._blocking import BlockingRule


class SleepInCoroutine(BlockingRule):
    code = "LS101"
    name = "sleep-in-coroutine"
    summary = "`time.sleep()` on the event loop"
    kind = Kind.SLEEP
    fixable = True

    def fix(self, found: BlockingCall, project: Project) -> tuple[str, tuple[tuple[int, str], ...]] | None:
        """`time.sleep(x)` standing alone in a coroutine becomes `await asyncio.sleep(x)`: the
        same pause, without holding the loop. The module's own name for asyncio (or for
        `asyncio.sleep`) is used; without one, `import asyncio` is added. Elsewhere (inside an
        expression, a generator) the rewrite could change meaning."""
        call = found.call
        if len(found.path) != 1 or found.scheduled is not None or not call.statement or call.callee_node is None:
            return None
        exports = project.files[found.file].exports
        sleep = next((name for name, target in exports.items() if target == "asyncio.sleep"), None)
        if sleep is None:
            asyncio_name = next((name for name, target in exports.items() if target == "asyncio"), None)
            sleep = f"{asyncio_name or 'asyncio'}.sleep"
            if asyncio_name is None:
                return ("Replace with `await asyncio.sleep(...)` and import asyncio",
                        ((call.callee_node, f"await {sleep}"), (NEW_IMPORT, "import asyncio")))
        return (f"Replace with `await {sleep}(...)`", ((call.callee_node, f"await {sleep}"),))


RULE = SleepInCoroutine()

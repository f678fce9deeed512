"""# LS303 non-executor-in-run-in-executor

## What it does
Checks for `loop.run_in_executor(executor, ...)` where the executor is known to be a `multiprocessing` pool — `multiprocessing.Pool()`, `get_context(...).Pool()`, `multiprocessing.pool.ThreadPool()`, `multiprocessing.dummy.Pool()`, or a subclass — instead of a `concurrent.futures.Executor`. The executor's type comes from the argument itself, an attribute (`self.pool`), or, for a parameter, from what every call of the function passes (`asyncio.run(crunch(pool))`). `None` (the default executor), `ThreadPoolExecutor`, `ProcessPoolExecutor` and executors whose type is not known are not reported.

## Why is this bad?
`run_in_executor` hands the call to `executor.submit()`. The pools of `multiprocessing` have a different interface (`apply_async`, `map`) and no `submit`, so the call raises `AttributeError: 'Pool' object has no attribute 'submit'` the first time it runs. Code that mixes asyncio with a process pool needs `concurrent.futures.ProcessPoolExecutor`, which is an `Executor` and also works with `asyncio.wrap_future`.

## Example
```python
import asyncio
import multiprocessing

def square(x):
    return x * x

async def main():
    loop = asyncio.get_running_loop()
    with multiprocessing.Pool() as pool:
        return await loop.run_in_executor(pool, square, 3)
```

## Use instead
```python
import asyncio
from concurrent.futures import ProcessPoolExecutor

def square(x):
    return x * x

async def main():
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor() as pool:
        return await loop.run_in_executor(pool, square, 3)
```
"""

from __future__ import annotations

from typing import Iterable

from ..analysis.facts import RawFinding
from ..analysis.handoffs import reported_handoffs
from ..analysis.process_calls import RUN_IN_EXECUTOR, ancestry, executor_type_of
from ..analysis.project import Project
from ..catalogue import concurrency
from .base import ProjectRule

_EXECUTOR = concurrency.EXECUTOR
_REPLACEMENTS = concurrency.POOL_REPLACEMENTS


class NonExecutorInRunInExecutor(ProjectRule):
    """An executor that is a parameter gets its type from the callers (``_process_params``)."""

    code = "LS303"
    name = "non-executor-in-run-in-executor"
    summary = "a multiprocessing pool, not a concurrent.futures Executor, given to run_in_executor"

    def check(self, project: Project) -> Iterable[tuple[int, RawFinding]]:
        for handoff in reported_handoffs(project):
            if handoff.api.name != RUN_IN_EXECUTOR:
                continue
            executor_type = executor_type_of(project, handoff.file, handoff.call)
            if executor_type is None:
                continue
            types = ancestry(project, executor_type)
            if _EXECUTOR in types:
                continue
            replacement = next((use for pool, use in _REPLACEMENTS if pool in types), None)
            if replacement is None:
                continue
            yield handoff.file, RawFinding(self.code, handoff.call.node,
                                           _message(types[0], handoff.call.text, replacement))


def _message(executor_type: str, call_text: str, replacement: str) -> str:
    return (f"the executor given to `{call_text}()` is a `{executor_type}`, not a "
            f"`concurrent.futures.Executor`: `run_in_executor` calls `executor.submit()`, which a "
            f"multiprocessing pool does not have (AttributeError); use `{replacement}`")


RULE = NonExecutorInRunInExecutor()

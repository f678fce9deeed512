"""# LS101 sleep-in-coroutine

## What it does
Checks for `time.sleep()` (under any name it is imported as) called in a coroutine, directly or through sync functions the coroutine calls.

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

from ..catalogue import Kind
from ._blocking import BlockingRule


class SleepInCoroutine(BlockingRule):
    code = "LS101"
    name = "sleep-in-coroutine"
    summary = "`time.sleep()` on the event loop"
    kind = Kind.SLEEP


RULE = SleepInCoroutine()

"""# LS107 blocking-thread-wait

## What it does
Checks for blocking waits on `threading` and `queue` objects in a coroutine: `Lock`/`RLock`/`Semaphore.acquire()`, `Event.wait()`, `Condition.wait()`, `Barrier.wait()`, `Thread.join()`, `queue.Queue.get()`/`put()`/`join()`. Calls made non-blocking by their arguments (`get(block=False)`, `acquire(blocking=False)`, `timeout=0`) are not flagged.

## Why is this bad?
These waits are for another thread to do something. The event loop's thread waits with them, so coroutines that might be the ones to release the lock or fill the queue never run: a stall at best, a deadlock at worst.

## Example
```python
import queue

jobs = queue.Queue()

async def worker():
    while True:
        job = jobs.get()
        await job.run()
```

## Use instead
```python
import asyncio

jobs = asyncio.Queue()

async def worker():
    while True:
        job = await jobs.get()
        await job.run()
```
"""

from ..catalogue import Kind
from ._blocking import BlockingRule


class BlockingThreadWait(BlockingRule):
    code = "LS107"
    name = "blocking-thread-wait"
    summary = "waiting on a thread primitive on the event loop"
    kind = Kind.SYNC


RULE = BlockingThreadWait()

"""# LS108 blocking-future-wait

## What it does
Checks for blocking waits on `concurrent.futures` and `multiprocessing` in a coroutine: `Future.result()`/`exception()`, `concurrent.futures.wait()`/`as_completed()`, `Executor.shutdown()`, `Process.join()`, `Pool.map()`/`starmap()`/`apply()`/`join()`, `AsyncResult.get()`, multiprocessing `Queue.get()`/`put()` and `Connection.recv()`.

## Why is this bad?
Work sent to a thread or process pool is meant to run while the event loop does other things. Waiting for its result synchronously defeats that: the loop is held until the work is done.

## Example
```python
from concurrent.futures import ProcessPoolExecutor

pool = ProcessPoolExecutor()

async def render(page):
    return pool.submit(render_page, page).result()
```

## Use instead
```python
import asyncio
from concurrent.futures import ProcessPoolExecutor

pool = ProcessPoolExecutor()

async def render(page):
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(pool, render_page, page)
```
"""

from ..catalogue import Kind
from ._blocking import BlockingRule


class BlockingFutureWait(BlockingRule):
    code = "LS108"
    name = "blocking-future-wait"
    summary = "waiting on a future or process on the event loop"
    kind = Kind.FUTURES


RULE = BlockingFutureWait()

"""# LS109 configured-blocking-call

## What it does
Checks for calls, in a coroutine, of the qualified names listed in `blocking-calls` under `[tool.loopsafe]` (your own or a third-party library's blocking functions and methods, such as `mylib.client.Client.fetch`).

## Why is this bad?
You told loopsafe these calls block. Made on the event loop, they hold it for as long as they take.

## Example
```python
# pyproject.toml: [tool.loopsafe] blocking-calls = ["legacy.api.fetch_report"]
from legacy.api import fetch_report

async def report(day):
    return fetch_report(day)
```

## Use instead
```python
import asyncio
from legacy.api import fetch_report

async def report(day):
    return await asyncio.to_thread(fetch_report, day)
```
"""

from ..catalogue import Kind
from ._blocking import BlockingRule


class ConfiguredBlockingCall(BlockingRule):
    code = "LS109"
    name = "configured-blocking-call"
    summary = "a call the project configured as blocking, on the event loop"
    kind = Kind.CONFIGURED


RULE = ConfiguredBlockingCall()

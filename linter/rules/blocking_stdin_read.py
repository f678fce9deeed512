"""# LS106 blocking-stdin-read

## What it does
Checks for `input()`, `getpass.getpass()` and `sys.stdin` reads in a coroutine.

## Why is this bad?
Reading from a terminal waits for a person to type. The event loop is frozen until they press Enter.

## Example
```python
async def repl(session):
    while True:
        line = input("> ")
        await session.send(line)
```

## Use instead
```python
import asyncio

async def repl(session):
    while True:
        line = await asyncio.to_thread(input, "> ")
        await session.send(line)
```
"""

from ..catalogue import Kind
from ._blocking import BlockingRule


class BlockingStdinRead(BlockingRule):
    code = "LS106"
    name = "blocking-stdin-read"
    summary = "reading standard input on the event loop"
    kind = Kind.STDIN


RULE = BlockingStdinRead()

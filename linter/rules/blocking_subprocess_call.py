"""# LS103 blocking-subprocess-call

## What it does
Checks for calls in a coroutine that run a process and wait for it: `subprocess.run`, `call`, `check_call`, `check_output`, `getoutput`, `Popen.wait()`/`communicate()`, `os.system`, `os.popen`, `os.wait*`.

## Why is this bad?
These calls return only when the child process exits. Until then the event loop is held and nothing else in the program runs.

## Example
```python
import subprocess

async def convert(path):
    subprocess.run(["convert", path, path + ".png"], check=True)
```

## Use instead
```python
import asyncio

async def convert(path):
    proc = await asyncio.create_subprocess_exec("convert", path, path + ".png")
    await proc.wait()
```
"""

from ..catalogue import Kind
from ._blocking import BlockingRule


class BlockingSubprocessCall(BlockingRule):
    code = "LS103"
    name = "blocking-subprocess-call"
    summary = "waiting for a subprocess on the event loop"
    kind = Kind.SUBPROCESS


RULE = BlockingSubprocessCall()

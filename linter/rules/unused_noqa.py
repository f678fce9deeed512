"""# LS002 unused-noqa

## What it does
Reports a `# noqa: LS...` comment that lists a loopsafe code for which there is
no finding on its line, as ruff's RUF100 does. A bare `# noqa` and the codes of
other tools (`E501`, `ASYNC251`) are never reported: they may serve another
linter. A code of a rule that is not selected in the run is not reported either,
since that rule could not have produced anything to silence.

## Why is this bad?
A suppression outlives the finding it was written for: the code is fixed or
moved, the comment stays, and the next real blocking call written on that line
is silenced without anyone seeing it.

## Example
```python
async def handler():
    await asyncio.sleep(1)  # noqa: LS101
```

## Use instead
```python
async def handler():
    await asyncio.sleep(1)
```

`--fix` removes the unused codes from the list, or the whole `# noqa` when no
code is left and nothing follows it on the line (an explanation after the codes
is left for you to reword). Turn it off with `ignore = ["LS002"]` in `[tool.loopsafe]` if your code base
keeps suppressions for rules it runs only sometimes.
"""

from .base import Rule


class UnusedNoqa(Rule):
    code = "LS002"
    name = "unused-noqa"
    summary = "a `# noqa` comment names a loopsafe code that has no finding on its line"
    fixable = True


RULE = UnusedNoqa()

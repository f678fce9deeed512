"""# LS001 unreadable-file

## What it does
Reports a file that loopsafe could not read or parse: a syntax error, an
encoding that does not match the file's bytes, a file that cannot be opened.
The message gives the reason and, for syntax errors, the place.

## Why is this bad?
A file that cannot be parsed cannot be checked: any blocking call or loop
misuse in it goes unseen. The run goes on with the other files.

## Example
```python
async def main(:
    ...
```

## Use instead
Fix the syntax error, or exclude the file (`exclude` in `[tool.loopsafe]`) if
it is not Python meant to run (a template, a fixture of a test).
"""

from .base import Rule


class UnreadableFile(Rule):
    code = "LS001"
    name = "unreadable-file"
    summary = "a file could not be read or parsed"


RULE = UnreadableFile()

"""# LS001 unreadable-file

## What it does
Reports a file that loopsafe could not read or parse: a syntax error, an
encoding that does not match the file's bytes, a file that cannot be opened
or is not a regular file (a FIFO, a device). The message gives the reason and,
for syntax errors, the place.

An internal error of loopsafe is reported the same way, never as a traceback:
in one file's analysis, at that file; in a rule that works on the whole
project, at the folder that holds the files checked (the file itself when only
one is checked), naming the rule, whose findings may then be incomplete. The
other files and rules are reported as usual.

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

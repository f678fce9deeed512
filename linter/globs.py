"""Path patterns for ``exclude`` and ``per-file-ignores``, with ruff's meaning.

A pattern without a slash (``build``, ``*_pb2.py``) names a file or folder
anywhere in the tree; a pattern with a slash (``tests/linter/snippets``,
``src/**/gen_*.py``) is anchored at the project root. Either way a pattern
that matches a folder covers everything below it, so ``exclude = ["examples"]``
does what a user expects. ``*`` and ``?`` stay inside one path segment, ``**``
crosses segments. One matcher serves both settings so they never disagree.
"""

from __future__ import annotations

import re
from functools import lru_cache


def _class_end(pattern: str, start: int) -> int:
    """Index of the ``]`` closing the class opened at ``start``, or -1 (a literal ``[``)."""
    i = start + 1
    if pattern[i:i + 1] == "!":
        i += 1
    if pattern[i:i + 1] == "]":
        i += 1
    return pattern.find("]", i)


def _translate(pattern: str) -> str:
    """A regex for one glob; ``**`` may span folders, ``*`` may not."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[" and (end := _class_end(pattern, i)) > 0:
            body = pattern[i + 1:end]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = end + 1
        else:
            out.append(re.escape(c))
            i += 1
    return "".join(out)


@lru_cache(maxsize=512)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(_translate(pattern) + r"\Z")


def normalize(pattern: str) -> str:
    """Patterns are written with ``/``; a leading ``./`` or trailing ``/`` changes nothing."""
    pattern = pattern.replace("\\", "/")
    while pattern.startswith("./"):
        pattern = pattern[2:]
    return pattern.rstrip("/") or "."


def matches(pattern: str, rel_path: str, start: int = 0) -> bool:
    """Whether ``rel_path`` (posix, relative to the root) or a folder above it matches;
    the first ``start`` segments (a folder the user named) are never matched alone."""
    pattern = normalize(pattern)
    regex = _compiled(pattern)
    parts = rel_path.split("/")
    if "/" not in pattern:
        return any(regex.match(part) for part in parts[start:])
    return any(regex.match("/".join(parts[:k])) for k in range(start + 1, len(parts) + 1))

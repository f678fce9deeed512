"""Naming a function the linter did not see, the way a ``blocking-calls`` entry names it.

A runtime frame gives a file, a line and a function name (and, from Python 3.11,
the qualified name and module of frames outside the user's code). An entry
needs ``module.Class.method``: the module comes from the frame itself or from
where the file sits under ``sys.path`` (site-packages included) or the project,
and the qualified name from the code object or, failing that, from the file's
definitions around the line.
"""

from __future__ import annotations

import ast
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from .report import Frame
from .sites import real

# Modules that only pass a call on (a ``with`` on a @contextmanager, a partial):
# the function worth naming is the one they called.
PLUMBING = ("contextlib", "functools")


def _identifier_parts(relative: str) -> list[str] | None:
    parts = relative.split(os.sep)
    parts[-1] = parts[-1].removesuffix(".py")
    if parts[-1] == "__init__":
        parts.pop()
    return parts if parts and all(p.isidentifier() for p in parts) else None


def modules_for_path(path: str, roots: Iterable[str] = ()) -> list[str]:
    """The names a file can be imported by, shortest first: relative to each ``sys.path``
    entry (and extra ``roots``) that holds it."""
    path = real(path)
    if not path.endswith(".py"):
        return []
    names = []
    for root in {real(r) for r in (*sys.path, *roots) if r and os.path.isdir(r)}:
        if path.startswith(root + os.sep):
            parts = _identifier_parts(path[len(root) + 1:])
            if parts:
                names.append(".".join(parts))
    return sorted(set(names), key=lambda name: (name.count("."), name))


def _definitions(path: str) -> tuple[tuple[str, str, int, int, bool], ...]:
    """(name, qualified name, first line, last line, is a coroutine) of every def in a
    file, or () when the file cannot be read or parsed; parsed again when it changed."""
    try:
        stat = os.stat(path)
    except OSError:
        return ()
    return _parsed_definitions(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _parsed_definitions(path: str, mtime: int, size: int) -> tuple[tuple[str, str, int, int, bool], ...]:
    try:
        tree = ast.parse(Path(path).read_bytes())
    except (OSError, SyntaxError, ValueError):
        return ()
    found = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                qualname = prefix + child.name
                if not isinstance(child, ast.ClassDef):
                    found.append((child.name, qualname, child.lineno, child.end_lineno or child.lineno,
                                  isinstance(child, ast.AsyncFunctionDef)))
                    visit(child, qualname + ".<locals>.")
                else:
                    visit(child, qualname + ".")
            else:
                visit(child, prefix)

    visit(tree, "")
    return tuple(found)


def _def_at(path: str, line: int, function: str) -> tuple[str, bool] | None:
    """(qualified name, is a coroutine) of the innermost def named ``function`` around ``line``."""
    around = [(last - first, qualname, is_async)
              for name, qualname, first, last, is_async in _definitions(real(path))
              if name == function and first <= line <= last]
    return min(around)[1:] if around else None


def qualname_at(path: str, line: int, function: str) -> str | None:
    found = _def_at(path, line, function)
    return found[0] if found else None


def in_coroutine(path: str, line: int, function: str) -> bool:
    """Whether the frame runs an ``async def`` (as far as the file on disk says)."""
    found = _def_at(path, line, function)
    return bool(found and found[1])


def qualname_of(frame: Frame, path: str) -> str:
    """The frame's qualified name: the code object's, else the file's, else its bare name."""
    return frame.qualname or qualname_at(path, frame.line, frame.function) or frame.function


def _addressable(qualname: str) -> bool:
    """A name an import can reach: not a lambda, a nested function or module-level code."""
    return "<" not in qualname


def callee(frames: Sequence[Frame], resolve) -> tuple[Frame, str] | None:
    """The function worth naming among the library frames below the user's code, outermost
    first: the first addressable one that does more than pass the call on (a decorator's
    wrapper, ``contextlib``), with its qualified name. ``resolve`` maps a report path to
    a real one."""
    for frame in frames:
        if (frame.module or "").split(".")[0] in PLUMBING:
            continue
        qualname = qualname_of(frame, resolve(frame.path))
        if _addressable(qualname):
            return frame, qualname
    return None


def entries(modules: Sequence[str], qualname: str) -> list[str]:
    """The ``blocking-calls`` spellings to try, likeliest first: the function where it is
    defined, then as re-exported by each package above its module (``vendorlib.Client.get``
    for ``vendorlib.client.Client.get``), as user code often imports it from there."""
    found: list[str] = []
    for module in modules:
        if not module or module == "__main__":
            continue
        parts = module.split(".")
        for end in range(len(parts), 0, -1):
            name = ".".join([*parts[:end], qualname])
            if name not in found:
                found.append(name)
    return found

"""# LS204 unclosed-event-loop

## What it does
Checks for an event loop made with `asyncio.new_event_loop()` (or `uvloop.new_event_loop()`, a policy's `new_event_loop()`, a loop class such as `asyncio.SelectorEventLoop()`) that the code creating it does not close on every path: never closed, or closed only after code that can raise (`loop.run_until_complete(...)` then `loop.close()`, with no `try`/`finally`). A loop closed in a `finally` block or used as `with contextlib.closing(loop):` is fine; a loop returned, yielded, stored on an object or passed to other code is that code's to close, and is not reported.

## Why is this bad?
An event loop holds a selector, a self-pipe or socket pair and its default thread pool. A loop that is not closed leaks those file descriptors and threads (`ResourceWarning: unclosed event loop`), and its pending tasks and async generators are never finalised. When `run_until_complete` raises, a `close()` written after it is skipped.

## Example
```python
import asyncio

def run_job(job):
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    result = loop.run_until_complete(job())
    loop.close()
    return result
```

## Use instead
```python
def run_job(job):
    return asyncio.run(job())        # creates, runs and closes the loop

def run_jobs(jobs):
    with asyncio.Runner() as runner:  # one loop for several calls, closed on exit
        return [runner.run(job()) for job in jobs]
```
"""

from __future__ import annotations

import ast

from .. import catalogue
from ..analysis.file_pass import FilePass
from ..analysis.scopes import bound_names
from ..analysis.traversal import FUNCTION_DEFS, NESTED_SCOPES, TRIES, Block, child_nodes, dotted
from ..catalogue import concurrency
from .base import FileRule

NEW_LOOP = concurrency.NEW_LOOP
_BORROWERS = concurrency.LOOP_BORROWERS
_CLOSERS = frozenset({"closing"})
_ADVICE = "use `asyncio.run(...)` or `with asyncio.Runner() as runner:`, or close it in a `finally:` block"
# where reading the name neither keeps nor closes the loop: tests, `del`
_HARMLESS = (ast.Compare, ast.If, ast.BoolOp, ast.UnaryOp, ast.Delete)


class _Uses:
    """How one function uses the name a new loop is assigned to."""

    def __init__(self) -> None:
        self.closed_safely = False  # close() in a finally, or contextlib.closing()
        self.closed = False
        self.escapes = False


class UnclosedEventLoop(FileRule):
    code = "LS204"
    name = "unclosed-event-loop"
    summary = "`asyncio.new_event_loop()` not closed on every path"
    node_types = (*FUNCTION_DEFS, ast.Call)

    def visit(self, ctx: FilePass, node) -> None:
        scopes = _scopes(ctx)
        if type(node) in FUNCTION_DEFS:
            scopes.append([])
        elif self._makes_loop(ctx, node.func):
            scopes[-1].append(node)

    @staticmethod
    def _makes_loop(ctx: FilePass, func: ast.expr) -> bool:
        """``asyncio.new_event_loop()`` in any spelling, a loop class, or a policy's
        ``new_event_loop()`` (``asyncio.get_event_loop_policy().new_event_loop()``)."""
        if type(func) is ast.Attribute:
            if func.attr == "new_event_loop":
                return True
            if not func.attr.endswith("Loop"):
                return False
        elif type(func) is not ast.Name:
            return False
        return catalogue.canonical(ctx.qualify(func) or "") in NEW_LOOP

    def leave(self, ctx: FilePass, node) -> None:
        if type(node) in FUNCTION_DEFS:
            calls = _scopes(ctx).pop()
            if calls:
                self._check(ctx, node.body, calls)

    def leave_file(self, ctx: FilePass) -> None:
        calls = _scopes(ctx)[0]
        if calls:
            self._check(ctx, ctx.module.body, calls)

    def _check(self, ctx: FilePass, body: list[ast.stmt], calls: list[ast.Call]) -> None:
        parents = _parents(body)
        for call in calls:
            parent = parents.get(id(call))
            if parent is None:
                continue  # in a lambda or comprehension of its own: not followed
            problem = self._problem(ctx, body, parents, call, parent)
            if problem:
                shown = dotted(call.func) or f"(...).{call.func.attr}"
                ctx.report(self.code, call, f"`{shown}()` {problem}; {_ADVICE}")

    def _problem(self, ctx: FilePass, body: list[ast.stmt], parents: dict[int, ast.AST], call: ast.Call,
                 parent: ast.AST) -> str | None:
        if type(parent) is ast.Expr:
            return "makes a loop that nothing keeps or closes"
        if type(parent) is ast.Attribute and type(parents.get(id(parent))) is ast.Call:
            if parent.attr != "close":
                return f"makes a loop that `.{parent.attr}()` uses and nothing closes"
            return None
        if type(parent) is not ast.Assign or len(parent.targets) != 1:
            return None  # handed to other code, which owns it
        target = parent.targets[0]
        if type(target) is not ast.Name:
            return None  # stored on an object
        uses = _uses(ctx, body, parents, target.id, target)
        if uses.escapes or uses.closed_safely:
            return None
        name = target.id
        if uses.closed:
            return (f"makes loop `{name}`, whose `close()` is skipped when anything before it raises "
                    f"(it is not in a `finally:` block)")
        return f"makes loop `{name}`, which is never closed"


def _scopes(ctx: FilePass) -> list[list[ast.Call]]:
    """The new-loop calls of each enclosing def being walked, the module's first."""
    return ctx.state("ls204-scopes", lambda: [[]])


def _parents(body: list[ast.stmt]) -> dict[int, ast.AST]:
    """Parent of every node under the body's statements, nested functions and lambdas left
    out (their nodes are not keys). The statements of a ``finally:`` have a ``Block`` as
    parent, whose parent is the ``try``."""
    parents: dict[int, ast.AST] = {}
    stack = [s for s in body if not isinstance(s, NESTED_SCOPES)]
    while stack:
        node = stack.pop()
        for child in child_nodes(node):
            parents[id(child)] = node
            if not isinstance(child, NESTED_SCOPES):
                stack.append(child)
        if type(node) in TRIES and node.finalbody:
            block = Block(node.finalbody)
            parents[id(block)] = node
            for statement in node.finalbody:
                parents[id(statement)] = block
    return parents


def _uses(ctx: FilePass, body: list[ast.stmt], parents: dict[int, ast.AST], name: str,
          assigned: ast.Name) -> _Uses:
    uses = _Uses()
    stack = list(body)
    while stack:
        node = stack.pop()
        t = type(node)
        if isinstance(node, NESTED_SCOPES):
            if not _binds(node, name) and _mentions(node, name):
                uses.escapes = True  # a closure (or, for a module's loop, a function) may close or keep it
            continue
        if (t is ast.Global or t is ast.Nonlocal) and name in node.names:
            uses.escapes = True  # bound outside this function: others may close or keep it
        stack.extend(_named_children(node))
        if t is not ast.Name or node.id != name or node is assigned:
            continue
        _classify(ctx, uses, parents, node)
    return uses


def _binds(scope: ast.AST, name: str) -> bool:
    """The nested function or lambda has a local of that name of its own."""
    if type(scope) is ast.ClassDef:
        return False
    params = scope.args
    if any(p.arg == name for p in (*params.posonlyargs, *params.args, *params.kwonlyargs)):
        return True
    if type(scope) is ast.Lambda:
        return False
    bound, _ = bound_names(scope.body)
    return name in bound


def _mentions(root: ast.AST, name: str) -> bool:
    """The name is read or written in there (attribute names and keywords aside)."""
    stack = [root]
    while stack:
        node = stack.pop()
        t = type(node)
        if t is ast.Name and node.id == name:
            return True
        if (t is ast.Global or t is ast.Nonlocal) and name in node.names:
            return True
        if isinstance(node, NESTED_SCOPES) and node is not root and _binds(node, name):
            continue
        stack.extend(_named_children(node))
    return False


def _named_children(node: ast.AST) -> list[ast.AST]:
    """Children that can be a use of a variable: not ``x.attr``'s ``attr``."""
    if type(node) is ast.Attribute:
        return [node.value]
    return child_nodes(node)


def _classify(ctx: FilePass, uses: _Uses, parents: dict[int, ast.AST], node: ast.Name) -> None:
    parent = parents.get(id(node))
    kind = type(parent)
    if kind is ast.Attribute and parent.value is node:
        caller = parents.get(id(parent))
        if type(caller) is ast.Call and caller.func is parent:
            if parent.attr == "close":
                uses.closed = True
                uses.closed_safely = uses.closed_safely or _in_finally(parents, caller)
            return
        uses.escapes = True  # a bound method handed on: `Thread(target=loop.run_forever)`
        return
    call, keyword = _argument_of(parents, node, parent)
    if call is not None:
        text = dotted(call.func) or ""
        if text.rpartition(".")[2] in _CLOSERS:
            uses.closed = uses.closed_safely = True
        # a method taking the loop (`self.set_event_loop(loop)` in a test case) may own it from then on
        elif not (catalogue.canonical(ctx.qualify(call.func) or "") in _BORROWERS or keyword == "loop"):
            uses.escapes = True
        return
    if kind in _HARMLESS or (kind is ast.Assign and parent.value is not node):
        return
    uses.escapes = True  # returned, yielded, stored, put in a container


def _argument_of(parents: dict[int, ast.AST], node: ast.Name,
                 parent: ast.AST | None) -> tuple[ast.Call | None, str | None]:
    """The call the name is an argument of (``f(loop)``, ``f(*loop)``, ``f(key=loop)``),
    with the keyword, if any."""
    kind = type(parent)
    if kind is ast.Call:
        return (parent, None) if parent.func is not node else (None, None)
    if kind is ast.keyword or kind is ast.Starred:
        call = parents.get(id(parent))
        if type(call) is ast.Call and call.func is not parent:
            return call, parent.arg if kind is ast.keyword else None
    return None, None


def _in_finally(parents: dict[int, ast.AST], node: ast.AST) -> bool:
    current = parents.get(id(node))
    while current is not None:
        if type(current) is Block:
            return True
        current = parents.get(id(current))
    return False


RULE = UnclosedEventLoop()

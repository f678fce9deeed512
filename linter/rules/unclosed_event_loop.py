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

import libcst as cst

from .. import catalogue
from ..analysis.file_pass import FilePass
from ..analysis.scopes import bound_names
from ..analysis.traversal import NESTED_SCOPES, child_nodes, dotted
from ..catalogue import concurrency
from .base import FileRule

NEW_LOOP = concurrency.NEW_LOOP
_BORROWERS = concurrency.LOOP_BORROWERS
_CLOSERS = frozenset({"closing"})
_ADVICE = "use `asyncio.run(...)` or `with asyncio.Runner() as runner:`, or close it in a `finally:` block"


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
    node_types = (cst.FunctionDef, cst.Call)

    def visit(self, ctx: FilePass, node) -> None:
        scopes = _scopes(ctx)
        if type(node) is cst.FunctionDef:
            scopes.append([])
        elif self._makes_loop(ctx, node.func):
            scopes[-1].append(node)

    @staticmethod
    def _makes_loop(ctx: FilePass, func: cst.BaseExpression) -> bool:
        """``asyncio.new_event_loop()`` in any spelling, a loop class, or a policy's
        ``new_event_loop()`` (``asyncio.get_event_loop_policy().new_event_loop()``)."""
        if type(func) is cst.Attribute:
            if func.attr.value == "new_event_loop":
                return True
            if not func.attr.value.endswith("Loop"):
                return False
        elif type(func) is not cst.Name:
            return False
        return catalogue.canonical(ctx.qualify(func) or "") in NEW_LOOP

    def leave(self, ctx: FilePass, node) -> None:
        if type(node) is cst.FunctionDef:
            calls = _scopes(ctx).pop()
            if calls:
                self._check(ctx, node.body, calls)

    def leave_file(self, ctx: FilePass) -> None:
        calls = _scopes(ctx)[0]
        if calls:
            self._check(ctx, ctx.module, calls)

    def _check(self, ctx: FilePass, body: cst.CSTNode, calls: list[cst.Call]) -> None:
        parents = _parents(body)
        for call in calls:
            parent = parents.get(id(call))
            if parent is None:
                continue  # in a lambda or comprehension of its own: not followed
            problem = self._problem(ctx, body, parents, call, parent)
            if problem:
                shown = dotted(call.func) or f"(...).{call.func.attr.value}"
                ctx.report(self.code, call, f"`{shown}()` {problem}; {_ADVICE}")

    def _problem(self, ctx: FilePass, body: cst.CSTNode, parents: dict[int, cst.CSTNode], call: cst.Call,
                 parent: cst.CSTNode) -> str | None:
        if type(parent) is cst.Expr:
            return "makes a loop that nothing keeps or closes"
        if type(parent) is cst.Attribute and type(parents.get(id(parent))) is cst.Call:
            if parent.attr.value != "close":
                return f"makes a loop that `.{parent.attr.value}()` uses and nothing closes"
            return None
        if type(parent) is not cst.Assign or len(parent.targets) != 1:
            return None  # handed to other code, which owns it
        target = parent.targets[0].target
        if not isinstance(target, cst.Name):
            return None  # stored on an object
        uses = _uses(ctx, body, parents, target.value, target)
        if uses.escapes or uses.closed_safely:
            return None
        name = target.value
        if uses.closed:
            return (f"makes loop `{name}`, whose `close()` is skipped when anything before it raises "
                    f"(it is not in a `finally:` block)")
        return f"makes loop `{name}`, which is never closed"


def _scopes(ctx: FilePass) -> list[list[cst.Call]]:
    """The new-loop calls of each enclosing def being walked, the module's first."""
    return ctx.state("ls204-scopes", lambda: [[]])


def _parents(body: cst.CSTNode) -> dict[int, cst.CSTNode]:
    """Parent of every node of the body, nested functions and lambdas left out
    (their nodes are not keys)."""
    parents: dict[int, cst.CSTNode] = {}
    stack = [body]
    while stack:
        node = stack.pop()
        for child in child_nodes(node):
            parents[id(child)] = node
            if not isinstance(child, NESTED_SCOPES):
                stack.append(child)
    return parents


def _uses(ctx: FilePass, body: cst.CSTNode, parents: dict[int, cst.CSTNode], name: str,
          assigned: cst.Name) -> _Uses:
    uses = _Uses()
    stack = [body]
    while stack:
        node = stack.pop()
        if isinstance(node, NESTED_SCOPES) and node is not body:
            if not _binds(node, name) and _mentions(node, name):
                uses.escapes = True  # a closure (or, for a module's loop, a function) may close or keep it
            continue
        stack.extend(_named_children(node))
        if type(node) is not cst.Name or node.value != name or node is assigned:
            continue
        _classify(ctx, uses, parents, node)
    return uses


def _binds(scope: cst.CSTNode, name: str) -> bool:
    """The nested function or lambda has a local of that name of its own."""
    if isinstance(scope, cst.ClassDef):
        return False
    params = scope.params
    if any(p.name.value == name for p in (*params.posonly_params, *params.params, *params.kwonly_params)):
        return True
    if isinstance(scope, cst.Lambda):
        return False
    bound, _ = bound_names(scope.body)
    return name in bound


def _mentions(root: cst.CSTNode, name: str) -> bool:
    """The name is read or written in there (attribute names and keywords aside)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if type(node) is cst.Name and node.value == name:
            return True
        if isinstance(node, NESTED_SCOPES) and node is not root and _binds(node, name):
            continue
        stack.extend(_named_children(node))
    return False


def _named_children(node: cst.CSTNode) -> list[cst.CSTNode]:
    """Children that can be a use of a variable: not ``x.attr``'s ``attr``, nor
    the keyword of ``f(key=...)``."""
    t = type(node)
    if t is cst.Attribute:
        return [node.value]
    if t is cst.Arg:
        return [node.value]
    return child_nodes(node)


def _classify(ctx: FilePass, uses: _Uses, parents: dict[int, cst.CSTNode], node: cst.Name) -> None:
    parent = parents.get(id(node))
    kind = type(parent)
    if kind is cst.Attribute and parent.value is node:
        caller = parents.get(id(parent))
        if type(caller) is cst.Call and caller.func is parent:
            if parent.attr.value == "close":
                uses.closed = True
                uses.closed_safely = uses.closed_safely or _in_finally(parents, caller)
            return
        uses.escapes = True  # a bound method handed on: `Thread(target=loop.run_forever)`
        return
    if kind is cst.Arg:
        call = parents.get(id(parent))
        text = (dotted(call.func) or "") if type(call) is cst.Call else ""
        if text.rpartition(".")[2] in _CLOSERS:
            uses.closed = uses.closed_safely = True
        # a method taking the loop (`self.set_event_loop(loop)` in a test case) may own it from then on
        elif not (catalogue.canonical(ctx.qualify(call.func) or "") in _BORROWERS
                  or (parent.keyword is not None and parent.keyword.value == "loop")):
            uses.escapes = True
        return
    if kind in (cst.Comparison, cst.ComparisonTarget, cst.If, cst.BooleanOperation, cst.UnaryOperation,
                cst.AssignTarget, cst.Del, cst.Global, cst.Nonlocal, cst.NameItem):
        if kind in (cst.Global, cst.Nonlocal, cst.NameItem):
            uses.escapes = True
        return
    uses.escapes = True  # returned, yielded, stored, put in a container


def _in_finally(parents: dict[int, cst.CSTNode], node: cst.CSTNode) -> bool:
    current = parents.get(id(node))
    while current is not None:
        if type(current) is cst.Finally:
            return True
        current = parents.get(id(current))
    return False


RULE = UnclosedEventLoop()

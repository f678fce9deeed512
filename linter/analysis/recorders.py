"""Fact recorders: what the per-file pass notes for the project pass beyond calls and defs.

Each recorder fills one declared field of ``FileFacts`` and runs on every file whatever
rules are selected, so no rule depends on another rule's per-file part. A recorder has
``node_types`` (the walk calls ``visit(ctx, node)`` when it enters one of them) and may have
``leave_file(ctx)``; ``ctx`` is the ``FilePass``. Working state for one walk lives in
``ctx.state(key, make)``: recorders are shared by walks that may run at once.
"""

from __future__ import annotations

import ast
from typing import Callable, ClassVar, Iterable, Protocol, TypeVar

from ..catalogue import concurrency
from .facts import ArgRef, ExecutorParam, FileFacts, FunctionFacts, HeldLock, PackedArgs
from .scopes import Binding
from .traversal import Block, dotted, iter_nodes, lines_of, own_nodes

T = TypeVar("T")


class Walk(Protocol):
    """What a recorder (or a file rule) may ask of the walk (``FilePass``)."""

    facts: FileFacts

    @property
    def function(self) -> FunctionFacts | None: ...
    def in_coroutine(self) -> bool: ...
    def node_index(self, node: ast.AST) -> int: ...
    def state(self, key: str, make: Callable[[], T]) -> T: ...
    def lookup(self, name: str) -> Binding | None: ...
    def qualify(self, node: ast.expr) -> str | None: ...
    def type_of(self, node: ast.expr) -> str | None: ...
    def arg_ref(self, value: ast.expr) -> ArgRef: ...
    def simple_string(self, node: ast.expr) -> str | None: ...


class Recorder:
    node_types: ClassVar[tuple[type, ...]] = ()

    def visit(self, ctx: Walk, node) -> None:
        raise NotImplementedError

    def leave_file(self, ctx: Walk) -> None:
        pass


class PackedArgsRecorder(Recorder):
    """``Thread(target=worker, args=(loop,), kwargs={"queue": q})``: the elements of
    ``args=(...)`` and ``kwargs={...}``, which an ArgRef does not keep, so that the worker's
    parameters get the types of what is passed (``FileFacts.packed_args``)."""

    node_types = (ast.Call,)

    def visit(self, ctx: Walk, node: ast.Call) -> None:
        elements: tuple = ()
        keywords: tuple = ()
        for keyword in node.keywords:
            value = keyword.value
            if keyword.arg == "args" and type(value) in (ast.Tuple, ast.List):
                if not any(type(e) is ast.Starred for e in value.elts):
                    elements = tuple(ctx.arg_ref(e) for e in value.elts)
            elif keyword.arg == "kwargs" and type(value) is ast.Dict:
                keywords = tuple((name, ctx.arg_ref(v)) for k, v in zip(value.keys, value.values)
                                 if k is not None and (name := ctx.simple_string(k)) is not None)
        if elements or keywords:
            ctx.facts.packed_args.append(PackedArgs(ctx.node_index(node), elements, keywords))


class ExecutorParamRecorder(Recorder):
    """``loop.run_in_executor(param, ...)`` with an untyped parameter of the enclosing
    function: its callers tell the executor's type (``FileFacts.executor_params``)."""

    node_types = (ast.Call,)

    def visit(self, ctx: Walk, node: ast.Call) -> None:
        func = node.func
        if not (type(func) is ast.Attribute and func.attr == "run_in_executor" and node.args):
            return
        first = node.args[0]  # a keyword can only come before a `*args`, never before a name
        function = ctx.function
        if type(first) is not ast.Name or function is None:
            return
        name = first.id
        binding = ctx.lookup(name)
        if function.kind == "def" and name in function.params and (binding is None or binding.type is None):
            ctx.facts.executor_params.append(ExecutorParam(ctx.node_index(node), name))


# `try: asyncio.get_running_loop() except RuntimeError:` asks whether a loop runs
_PROBE_CATCHES = frozenset({"RuntimeError", "Exception", "BaseException"})


def _catches_runtime_error(node: ast.Try) -> bool:
    for handler in node.handlers:
        if handler.type is None:
            return True
        caught = handler.type.elts if type(handler.type) is ast.Tuple else [handler.type]
        for value in caught:
            if (dotted(value) or "").rpartition(".")[2] in _PROBE_CATCHES:
                return True
    return False


class LoopProbeRecorder(Recorder):
    """``get_running_loop()`` calls in a ``try`` that catches ``RuntimeError``: in a thread
    they are the check for "no loop here", not a mistake (``FileFacts.loop_probes``)."""

    node_types = (ast.Try, ast.Call)

    def visit(self, ctx: Walk, node) -> None:
        probes = ctx.state("loop-probes", set)
        if type(node) is ast.Try:
            if _catches_runtime_error(node):
                probes.update(id(n) for n in own_nodes(node.body) if type(n) is ast.Call)
        elif id(node) in probes:
            probes.discard(id(node))
            if ctx.qualify(node.func) == concurrency.GET_RUNNING_LOOP:
                ctx.facts.loop_probes.append(ctx.node_index(node))


_SUSPENDS = (ast.Await, ast.Yield, ast.YieldFrom, ast.AsyncFor, ast.AsyncWith)


def _awaits(nodes: Iterable[ast.AST]) -> bool:
    """A suspension point in a coroutine's code, not in nested functions: an
    await, ``async for``/``async with``, or an async generator's ``yield``."""
    return any(type(current) in _SUSPENDS for current in own_nodes(nodes))


def _acquired(line: list[ast.stmt], method: str) -> ast.Call | None:
    """The call of a line that is just ``x.acquire()`` (or ``x.release()``)."""
    if len(line) == 1 and type(line[0]) is ast.Expr and type(line[0].value) is ast.Call:
        func = line[0].value.func
        if type(func) is ast.Attribute and func.attr == method:
            return line[0].value
    return None


class HeldLockRecorder(Recorder):
    """Locks held across an await in a coroutine (``with lock:`` around an await, or
    ``lock.acquire()`` ... await ... ``lock.release()``), whatever their type: the project
    pass decides, with types resolved across files, which are threading locks
    (``FileFacts.held_locks``)."""

    node_types = (ast.With, Block, ast.Call)

    def visit(self, ctx: Walk, node) -> None:
        t = type(node)
        # ids of `x.acquire()` calls an await follows; typed when the walk reaches
        # them, once the names assigned before them are bound
        pending = ctx.state("held-locks", set)
        if t is ast.Call:
            if id(node) in pending:
                pending.discard(id(node))
                self._note(ctx, node.func.value, node, "acquire")
        elif not ctx.in_coroutine():
            return
        elif t is ast.With:
            if _awaits(node.body):
                for item in node.items:
                    self._note(ctx, item.context_expr, node, "with")
        else:
            pending.update(self._acquired_across_await(node.body))

    @staticmethod
    def _acquired_across_await(body: list[ast.stmt]) -> Iterable[int]:
        """``lock.acquire()`` alone on its line, then an await before ``lock.release()``."""
        lines = lines_of(body)
        for position, line in enumerate(lines):
            call = _acquired(line, "acquire")
            if call is None or call.args or call.keywords:
                continue
            text = dotted(call.func.value)
            for later in lines[position + 1:]:
                released = _acquired(later, "release")
                if released is not None and dotted(released.func.value) == text:
                    break
                if _awaits(later):
                    yield id(call)
                    break

    @staticmethod
    def _note(ctx: Walk, lock: ast.expr, at: ast.AST, how: str) -> None:
        lock_type = ctx.type_of(lock)
        if lock_type is None and type(lock) is ast.Attribute:
            owner = ctx.qualify(lock.value)  # `Cache._lock`: a class attribute, typed by the project pass
            lock_type = f"{owner}::{lock.attr}" if owner else None
        if lock_type:
            ctx.facts.held_locks.append(HeldLock(ctx.node_index(at), lock_type, dotted(lock) or "the lock",
                                                 ctx.function.name, how))


class LoopRangeRecorder(Recorder):
    """In a file that forks: the node ranges of its outermost ``for``/``while`` loops, so
    that the order of a fork and a later thread start can be trusted
    (``FileFacts.loop_ranges``)."""

    node_types = (ast.For, ast.AsyncFor, ast.While)

    def visit(self, ctx: Walk, node: ast.AST) -> None:
        ctx.state("loops", list).append((ctx.node_index(node), node))

    def leave_file(self, ctx: Walk) -> None:
        loops = ctx.state("loops", list)
        if not any(c.target in concurrency.FORK_CALLS for c in ctx.facts.calls):
            return
        end = -1
        for start, node in loops:  # walk order: an inner loop comes after its outer one
            if start < end:
                continue
            end = start + sum(1 for _ in iter_nodes(node))
            ctx.facts.loop_ranges.append((start, end))


RECORDERS: tuple[Recorder, ...] = (PackedArgsRecorder(), LoopProbeRecorder(), HeldLockRecorder(),
                                   ExecutorParamRecorder(), LoopRangeRecorder())

"""Fact recorders: what the per-file pass notes for the project pass beyond calls and defs.

Each recorder fills one declared field of ``FileFacts`` and runs on every file whatever
rules are selected, so no rule depends on another rule's per-file part. A recorder has
``node_types`` (the walk calls ``visit(ctx, node)`` when it enters one of them) and may have
``leave_file(ctx)``; ``ctx`` is the ``FilePass``. Working state for one walk lives in
``ctx.state(key, make)``: recorders are shared by walks that may run at once.
"""

from __future__ import annotations

from typing import Callable, ClassVar, Iterable, Protocol, TypeVar

import libcst as cst

from ..catalogue import concurrency
from .facts import ArgRef, ExecutorParam, FileFacts, FunctionFacts, HeldLock, PackedArgs
from .scopes import Binding
from .traversal import dotted, iter_nodes, own_nodes

T = TypeVar("T")


class Walk(Protocol):
    """What a recorder (or a file rule) may ask of the walk (``FilePass``)."""

    facts: FileFacts

    @property
    def function(self) -> FunctionFacts | None: ...
    def in_coroutine(self) -> bool: ...
    def node_index(self, node: cst.CSTNode) -> int: ...
    def state(self, key: str, make: Callable[[], T]) -> T: ...
    def lookup(self, name: str) -> Binding | None: ...
    def qualify(self, node: cst.BaseExpression) -> str | None: ...
    def type_of(self, node: cst.BaseExpression) -> str | None: ...
    def arg_ref(self, value: cst.BaseExpression) -> ArgRef: ...


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

    node_types = (cst.Call,)

    def visit(self, ctx: Walk, node: cst.Call) -> None:
        elements: tuple = ()
        keywords: tuple = ()
        for arg in node.args:
            keyword = arg.keyword.value if arg.keyword is not None else None
            value = arg.value
            if keyword == "args" and type(value) in (cst.Tuple, cst.List):
                if all(type(e) is cst.Element for e in value.elements):
                    elements = tuple(ctx.arg_ref(e.value) for e in value.elements)
            elif keyword == "kwargs" and type(value) is cst.Dict:
                keywords = tuple((e.key.evaluated_value, ctx.arg_ref(e.value)) for e in value.elements
                                 if type(e) is cst.DictElement and type(e.key) is cst.SimpleString
                                 and isinstance(e.key.evaluated_value, str))
        if elements or keywords:
            ctx.facts.packed_args.append(PackedArgs(ctx.node_index(node), elements, keywords))


class ExecutorParamRecorder(Recorder):
    """``loop.run_in_executor(param, ...)`` with an untyped parameter of the enclosing
    function: its callers tell the executor's type (``FileFacts.executor_params``)."""

    node_types = (cst.Call,)

    def visit(self, ctx: Walk, node: cst.Call) -> None:
        func = node.func
        if not (isinstance(func, cst.Attribute) and func.attr.value == "run_in_executor" and node.args):
            return
        first = node.args[0]
        function = ctx.function
        if first.keyword is not None or first.star or not isinstance(first.value, cst.Name) or function is None:
            return
        name = first.value.value
        binding = ctx.lookup(name)
        if function.kind == "def" and name in function.params and (binding is None or binding.type is None):
            ctx.facts.executor_params.append(ExecutorParam(ctx.node_index(node), name))


# `try: asyncio.get_running_loop() except RuntimeError:` asks whether a loop runs
_PROBE_CATCHES = frozenset({"RuntimeError", "Exception", "BaseException"})


def _catches_runtime_error(node: cst.Try) -> bool:
    for handler in node.handlers:
        if handler.type is None:
            return True
        caught = handler.type.elements if isinstance(handler.type, cst.Tuple) else [handler.type]
        for element in caught:
            value = element.value if isinstance(element, cst.Element) else element
            if (dotted(value) or "").rpartition(".")[2] in _PROBE_CATCHES:
                return True
    return False


class LoopProbeRecorder(Recorder):
    """``get_running_loop()`` calls in a ``try`` that catches ``RuntimeError``: in a thread
    they are the check for "no loop here", not a mistake (``FileFacts.loop_probes``)."""

    node_types = (cst.Try, cst.Call)

    def visit(self, ctx: Walk, node) -> None:
        probes = ctx.state("loop-probes", set)
        if type(node) is cst.Try:
            if _catches_runtime_error(node):
                probes.update(id(n) for n in own_nodes(node.body) if type(n) is cst.Call)
        elif id(node) in probes:
            probes.discard(id(node))
            if ctx.qualify(node.func) == concurrency.GET_RUNNING_LOOP:
                ctx.facts.loop_probes.append(ctx.node_index(node))


def _awaits(node: cst.CSTNode) -> bool:
    """A suspension point in a coroutine's code, not in nested functions: an
    await, ``async for``/``async with``, or an async generator's ``yield``."""
    for current in own_nodes(node):
        t = type(current)
        if t is cst.Await or t is cst.Yield or (t in (cst.For, cst.With) and current.asynchronous is not None):
            return True
    return False


def _acquired(statement: cst.BaseStatement, method: str) -> cst.Call | None:
    """The call of a statement that is just ``x.acquire()`` (or ``x.release()``)."""
    if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
        expr = statement.body[0]
        if isinstance(expr, cst.Expr) and isinstance(expr.value, cst.Call):
            func = expr.value.func
            if isinstance(func, cst.Attribute) and func.attr.value == method:
                return expr.value
    return None


class HeldLockRecorder(Recorder):
    """Locks held across an await in a coroutine (``with lock:`` around an await, or
    ``lock.acquire()`` ... await ... ``lock.release()``), whatever their type: the project
    pass decides, with types resolved across files, which are threading locks
    (``FileFacts.held_locks``)."""

    node_types = (cst.With, cst.IndentedBlock, cst.Call)

    def visit(self, ctx: Walk, node) -> None:
        t = type(node)
        # ids of `x.acquire()` calls an await follows; typed when the walk reaches
        # them, once the names assigned before them are bound
        pending = ctx.state("held-locks", set)
        if t is cst.Call:
            if id(node) in pending:
                pending.discard(id(node))
                self._note(ctx, node.func.value, node, "acquire")
        elif not ctx.in_coroutine():
            return
        elif t is cst.With:
            if node.asynchronous is None and _awaits(node.body):
                for item in node.items:
                    self._note(ctx, item.item, node, "with")
        else:
            pending.update(self._acquired_across_await(node.body))

    @staticmethod
    def _acquired_across_await(body) -> Iterable[int]:
        """``lock.acquire()`` as a statement, then an await before ``lock.release()``."""
        for position, statement in enumerate(body):
            call = _acquired(statement, "acquire")
            if call is None or call.args:
                continue
            text = dotted(call.func.value)
            for later in body[position + 1:]:
                released = _acquired(later, "release")
                if released is not None and dotted(released.func.value) == text:
                    break
                if _awaits(later):
                    yield id(call)
                    break

    @staticmethod
    def _note(ctx: Walk, lock: cst.BaseExpression, at: cst.CSTNode, how: str) -> None:
        lock_type = ctx.type_of(lock)
        if lock_type is None and isinstance(lock, cst.Attribute):
            owner = ctx.qualify(lock.value)  # `Cache._lock`: a class attribute, typed by the project pass
            lock_type = f"{owner}::{lock.attr.value}" if owner else None
        if lock_type:
            ctx.facts.held_locks.append(HeldLock(ctx.node_index(at), lock_type, dotted(lock) or "the lock",
                                                 ctx.function.name, how))


class LoopRangeRecorder(Recorder):
    """In a file that forks: the node ranges of its outermost ``for``/``while`` loops, so
    that the order of a fork and a later thread start can be trusted
    (``FileFacts.loop_ranges``)."""

    node_types = (cst.For, cst.While)

    def visit(self, ctx: Walk, node: cst.CSTNode) -> None:
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

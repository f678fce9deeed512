"""What an executor parameter holds, from the calls of its function.

``async def crunch(pool): await loop.run_in_executor(pool, work)`` says nothing
about ``pool``; the caller does: ``with multiprocessing.Pool() as pool:
asyncio.run(crunch(pool))``. The per-file pass notes each ``run_in_executor``
whose executor is an unannotated parameter of the enclosing function; the
project pass reads what every call of that function passes there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import libcst as cst

from ..catalogue import python
from ..analysis.facts import ArgRef, CallSite
from ..analysis.handoffs import memo
from ..analysis.project import FunctionRef, Project

if TYPE_CHECKING:
    from ..analysis.file_pass import FilePass

EXECUTOR_PARAMS = "process-executor-params"  # FileFacts.extra key
_STATIC = python.STATICMETHOD


@dataclass(frozen=True)
class ExecutorParam:
    """``run_in_executor`` at node ``call`` takes its executor from parameter ``name``."""

    call: int
    name: str


def record_executor_param(ctx: "FilePass", node: cst.Call) -> None:
    """Per-file pass: note ``loop.run_in_executor(param, ...)`` with an untyped parameter."""
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
        ctx.record(EXECUTOR_PARAMS, ExecutorParam(ctx.node_index(node), name))


def passed_type(project: Project, file_index: int, call: CallSite) -> str | None:
    """The one type every call of the enclosing function passes for the executor
    parameter of ``call``; None when a caller passes something unknown or the
    callers disagree."""
    params = memo(project, EXECUTOR_PARAMS, lambda: _params(project))
    name = params.get((file_index, call.node))
    if name is None:
        return None
    ref = FunctionRef(file_index, call.function)
    function = project.function(ref)
    position = function.params.index(name)
    if function.cls is not None and _STATIC not in function.decorators:
        position -= 1  # called on an instance: `self` is not among the arguments
    callers = memo(project, "process-callers", lambda: _callers(project)).get(ref, ())
    types = {arg_type(project, site.arg(position, name) if position >= 0 else site.kwarg(name)) for site in callers}
    return types.pop() if len(types) == 1 else None


def _params(project: Project) -> dict[tuple[int, int], str]:
    return {(file_index, p.call): p.name for file_index, facts in enumerate(project.files)
            for p in facts.extra.get(EXECUTOR_PARAMS, ())}


def _callers(project: Project) -> dict[FunctionRef, list[CallSite]]:
    found: dict[FunctionRef, list[CallSite]] = {}
    for _, call, callee in project.iter_calls():
        if callee is not None and callee.function is not None:
            found.setdefault(callee.function, []).append(call)
    return found


def arg_type(project: Project, arg: ArgRef | None) -> str | None:
    """The type of an argument: its own, or an attribute's (``self.pool``, recorded
    like a bound method as ``owner.attr``)."""
    if arg is None:
        return None
    if arg.type:
        return arg.type
    if arg.kind == "method":
        owner, _, attr = arg.value.rpartition(".")
        cls = project.resolve_type(owner)
        return project.attribute_type(cls, attr) if cls else None
    return None

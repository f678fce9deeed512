"""What an executor parameter holds, from the calls of its function.

``async def crunch(pool): await loop.run_in_executor(pool, work)`` says nothing
about ``pool``; the caller does: ``with multiprocessing.Pool() as pool:
asyncio.run(crunch(pool))``. The per-file pass notes each ``run_in_executor``
whose executor is an unannotated parameter of the enclosing function; the
project pass reads what every call of that function passes there.
"""

from __future__ import annotations

from ..catalogue import concurrency, python
from . import callgraph
from .facts import ArgRef, CallSite
from .project import Project
from .refs import FunctionRef

_STATIC = python.STATICMETHOD
_ABSTRACT_EXECUTOR = concurrency.EXECUTOR


def passed_type(project: Project, file_index: int, call: CallSite) -> str | None:
    """The one type every call of the enclosing function passes for the executor
    parameter of ``call``; None when a caller passes something unknown or the
    callers disagree."""
    params = project.cached("executor-params", lambda: _params(project))
    name = params.get((file_index, call.node))
    if name is None:
        return None
    ref = FunctionRef(file_index, call.function)
    function = project.function(ref)
    position = function.params.index(name)
    if function.cls is not None and _STATIC not in function.decorators:
        position -= 1  # called on an instance: `self` is not among the arguments
    callers = [edge.call for edge in callgraph.callers(project).get(ref, ())]
    types = {arg_type(project, site.arg(position, name) if position >= 0 else site.kwarg(name)) for site in callers}
    return types.pop() if len(types) == 1 else None


def _params(project: Project) -> dict[tuple[int, int], str]:
    return {(file_index, p.call): p.name for file_index, facts in enumerate(project.files)
            for p in facts.executor_params}


def arg_type(project: Project, arg: ArgRef | None) -> str | None:
    """The type of an argument: its own, an attribute's (``self.pool``, recorded
    like a bound method as ``owner.attr``), or an imported global's."""
    if arg is None:
        return None
    if arg.type:
        return arg.type
    if arg.kind == "method":
        owner, _, attr = arg.value.rpartition(".")
        cls = project.resolve_type(owner)
        return held_type(project, cls, attr) if cls else None
    if arg.kind == "ref":
        # a global of another module: `from .pools import POOL`
        return project.value_type(arg.value)
    return None


def held_type(project: Project, cls: str, attr: str) -> str | None:
    """The type of executor attribute ``attr`` of ``cls``: its own, unless that is only the
    abstract ``Executor`` (or unknown) and ``__init__`` stores a parameter there
    (``self.pool = pool``): then the one type every construction passes for it."""
    declared = project.attribute_type(cls, attr)
    if declared not in (None, _ABSTRACT_EXECUTOR):
        return declared
    init = project.method(cls, "__init__", -1)
    if init is None:
        return declared
    function = project.function(init)
    param = next((p for a, p in function.attribute_params if a == attr), None)
    if param is None:
        return declared
    position = function.params.index(param) - 1  # `self` is not among the arguments
    sites = [edge.call for edge in callgraph.callers(project).get(init, ())]
    types = {arg_type(project, site.arg(position, param)) for site in sites}
    passed = types.pop() if len(types) == 1 else None
    return passed or declared


def receiver_attribute(project: Project, file_index: int, call: CallSite) -> tuple[str, str] | None:
    """``(class, attribute)`` when a method's call is made on an attribute of its own
    instance: ``self.pool.submit(...)`` in a method of ``Transformer``."""
    if call.function < 0:
        return None
    function = project.files[file_index].functions[call.function]
    parts = call.text.split(".")
    if function.cls is None or not function.params or len(parts) != 3 or parts[0] != function.params[0]:
        return None
    return function.cls, parts[1]

"""What the LS2 rules ask of a call: what it calls (a loop method, a method of an
asyncio object, a function), and which calls made on the event loop's thread lead to
a call of interest."""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

from .. import catalogue
from ..catalogue import concurrency
from . import blocking, callgraph
from .contexts import Reach, loop_callbacks, named_like_loop
from .facts import CallSite, FunctionFacts
from .project import Project
from .refs import Callee, FunctionRef, Step

EVENT_LOOP = concurrency.EVENT_LOOP
# Method names other libraries use too (a task tracker's `create_task`, a
# websocket client's `run_forever`): on an untyped receiver they count only
# when the receiver is named like a loop (`loop`, `self._loop`, `event_loop`).
_COMMON_NAMES = frozenset({"create_task", "run_forever"})


def callee_name(project: Project, file_index: int, call: CallSite) -> str | None:
    """The resolved qualified name of what is called (``asyncio.run``,
    ``asyncio.Queue.put_nowait``), or None."""
    callee = project.resolved(file_index, call)
    return callee.name if callee is not None else None


def shown(call: CallSite, name: str | None = None) -> str:
    """A call as the user wrote it, for messages: `loop.call_soon()`, `arun()`
    (`asyncio.run`) for an alias, `run_until_complete()` on an expression."""
    text = call.text if not call.text.startswith("(...)") else call.method or call.text
    if name and name != text and not name.endswith("." + text):
        return f"`{text}()` (`{name}`)"
    return f"`{text}()`"


def receiver_type(project: Project, call: CallSite, reach: Reach | None = None) -> str | None:
    """The receiver's type, resolved across files; in a thread's entry function
    a parameter's type comes from what the hand-off passes (``reach``)."""
    if call.receiver:
        return project.resolve_type(call.receiver)
    if reach is not None and call.target is None and call.method:
        base = call.text.rpartition(".")[0]
        return reach.param_type(base) if base.isidentifier() else None
    return None


def typed_method(project: Project, call: CallSite, types: Iterable[str], reach: Reach | None = None) -> str | None:
    """``Type.method`` when the call is a method of an instance of one of
    ``types`` (or a subclass the catalogue knows), else None."""
    owner = receiver_type(project, call, reach)
    if owner is None or call.method is None:
        return None
    ancestry = catalogue.type_ancestry(owner)
    for wanted in types:
        if wanted in ancestry:
            return f"{wanted}.{call.method}"
    return None


def is_loop_method(project: Project, file_index: int, call: CallSite, methods: frozenset[str],
                   reach: Reach | None = None) -> bool:
    """A call of one of ``methods`` on an event loop: a receiver typed as a loop,
    or of unknown type (``self.loop.call_soon`` with ``self.loop`` untyped) as
    long as the name is not a function or method of the analysed code."""
    if call.method not in methods:
        return False
    if receiver_type(project, call, reach):
        return typed_method(project, call, (EVENT_LOOP,), reach) is not None
    callee = project.resolved(file_index, call)
    if callee is not None and (callee.function is not None or callee.api is not None):
        return False
    if call.method in _COMMON_NAMES and not named_like_loop(call):
        return False
    if call.target:
        owner = project.resolve(call.target.rpartition(".")[0])
        if owner in project.classes or owner in project.modules or owner in project.functions:
            return False
    return True


def coroutine_reaches(project: Project, direct: Callable[[int, CallSite], Callee | None]
                      ) -> Iterator[tuple[int, FunctionFacts, tuple[Step, ...]]]:
    """Calls made on the event loop's thread that ``direct`` accepts: in the reported
    files' coroutines and the callbacks the loop runs (``loop_callbacks``), there or in the sync
    functions they call. ``(file, coroutine or callback, path)``, the path from
    its call to the accepted one (shortest, as ``blocking.paths_to``)."""
    callbacks = loop_callbacks(project)
    on_loop = [ref for ref in project.reported_functions()
               if (project.function(ref).kind == "def" and project.function(ref).is_async) or ref in callbacks]

    def enters(call: CallSite, target: FunctionRef) -> bool:
        return not call.awaited and not project.function(target).is_async
    within = callgraph.loop_side(project, on_loop) if project.scoped else None
    paths = blocking.paths_to(project, direct, within=within)
    for ref, path in blocking.on_loop_paths(project, on_loop, direct, paths, enters):
        yield ref.file, project.function(ref), path


def path_trace(project: Project, path: tuple[Step, ...]) -> tuple[tuple[str, int, str], ...]:
    """The trace of a finding reached through helpers (empty for a direct one)."""
    if len(path) < 2:
        return ()
    return callgraph.trace_entries(project, ((step.file, step.call) for step in path))

"""What the LS2 rules share: naming what a call calls (a loop method, a method
of an asyncio object, a function), and the rule shape "a call made in thread
code", with its message and trace."""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

from ..catalogue import concurrency
from .. import catalogue
from ..analysis.contexts import Reach, describe_reach, loop_callbacks, named_like_loop, reach_trace, thread_code
from ..analysis.facts import CallSite, FunctionFacts, RawFinding
from ..analysis.project import Callee, Project, Step
from .base import ProjectRule

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


class ThreadCodeRule(ProjectRule):
    """Flags calls made in functions that run in a worker thread (``thread_code``).

    ``match`` returns what is wrong with the call (``"`loop.call_soon()` is not
    thread-safe"``) and the fix, or None.
    """

    def match(self, project: Project, file_index: int, call: CallSite, reach: Reach) -> tuple[str, str] | None:
        raise NotImplementedError

    def check(self, project: Project) -> Iterable[tuple[int, RawFinding]]:
        for ref, reach in thread_code(project).items():
            for call in project.calls_by_function.get(ref, ()):
                found = self.match(project, ref.file, call, reach)
                if found is not None:
                    problem, advice = found
                    message = f"{problem}, and {describe_reach(project, reach)}; {advice}"
                    yield ref.file, RawFinding(self.code, call.node, message,
                                               reach_trace(project, reach, ref.file, call, f"{call.text}()"))


def coroutine_reaches(project: Project, direct: Callable[[int, CallSite], Callee | None]
                      ) -> Iterator[tuple[int, FunctionFacts, tuple[Step, ...]]]:
    """Calls made on the event loop's thread that ``direct`` accepts: in coroutines
    and in the callbacks the loop runs (``loop_callbacks``), there or in the sync
    functions they call. ``(file, coroutine or callback, path)``, the path from
    its call to the accepted one (shortest, as ``Project.paths_to``)."""
    paths = project.paths_to(direct)
    callbacks = loop_callbacks(project)
    for ref, calls in project.calls_by_function.items():
        function = project.function(ref)
        if not (function.kind == "def" and function.is_async) and ref not in callbacks:
            continue
        for call in calls:
            hit = direct(ref.file, call)
            if hit is not None:
                yield ref.file, function, (Step(ref.file, call, hit),)
                continue
            callee = project.resolved(ref.file, call)
            if callee is None or callee.function is None or call.awaited:
                continue
            path = paths.get(callee.function)
            if path and not project.function(callee.function).is_async:
                yield ref.file, function, (Step(ref.file, call, callee), *path)


def path_trace(project: Project, path: tuple[Step, ...]) -> tuple[tuple[str, int, str], ...]:
    """The trace of a finding reached through helpers (empty for a direct one)."""
    if len(path) < 2:
        return ()
    return tuple((project.files[step.file].path, step.call.node, f"{step.call.text}()") for step in path)

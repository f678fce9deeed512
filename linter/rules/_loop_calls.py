"""What the LS2 rules share: naming what a call calls (a loop method, a method
of an asyncio object, a function), and the rule shape "a call made in thread
code", with its message and trace."""

from __future__ import annotations

from typing import ClassVar, Iterable

from .. import catalogue
from ..analysis.contexts import Reach, describe_reach, reach_trace, thread_code
from ..analysis.facts import CallSite, RawFinding
from ..analysis.project import Project
from .base import ProjectRule

EVENT_LOOP = "asyncio.AbstractEventLoop"


def callee_name(project: Project, file_index: int, call: CallSite) -> str | None:
    """The resolved qualified name of what is called (``asyncio.run``,
    ``asyncio.Queue.put_nowait``), or None."""
    callee = project.resolved(file_index, call)
    return callee.name if callee is not None else None


def receiver_type(project: Project, call: CallSite) -> str | None:
    return project.resolve_type(call.receiver) if call.receiver else None


def typed_method(project: Project, call: CallSite, types: Iterable[str]) -> str | None:
    """``Type.method`` when the call is a method of an instance of one of
    ``types`` (or a subclass the catalogue knows), else None."""
    owner = receiver_type(project, call)
    if owner is None or call.method is None:
        return None
    ancestry = catalogue.type_ancestry(owner)
    for wanted in types:
        if wanted in ancestry:
            return f"{wanted}.{call.method}"
    return None


def is_loop_method(project: Project, file_index: int, call: CallSite, methods: frozenset[str]) -> bool:
    """A call of one of ``methods`` on an event loop: a receiver typed as a loop,
    or of unknown type (``self.loop.call_soon`` with ``self.loop`` untyped) as
    long as the name is not a function or method of the analysed code."""
    if call.method not in methods:
        return False
    if call.receiver:
        return typed_method(project, call, (EVENT_LOOP,)) is not None
    callee = project.resolved(file_index, call)
    if callee is not None and (callee.function is not None or callee.api is not None):
        return False
    if call.target:
        owner = project.resolve(call.target.rpartition(".")[0])
        if owner in project.classes or owner in project.modules or owner in project.functions:
            return False
    return True


class ThreadCodeRule(ProjectRule):
    """Flags calls made in functions that run in a worker thread (``thread_code``).

    ``match`` names the offending call and the fix, or returns None.
    """

    problem: ClassVar[str]  # what is wrong, after "`x()` ..."

    def match(self, project: Project, file_index: int, call: CallSite) -> tuple[str, str] | None:
        raise NotImplementedError

    def check(self, project: Project) -> Iterable[tuple[int, RawFinding]]:
        for ref, reach in thread_code(project).items():
            for call in project.calls_by_function.get(ref, ()):
                found = self.match(project, ref.file, call)
                if found is not None:
                    yield ref.file, self.finding(project, ref.file, call, reach, *found)

    def finding(self, project: Project, file_index: int, call: CallSite, reach: Reach,
                shown: str, advice: str) -> RawFinding:
        message = f"{shown} {self.problem}: {describe_reach(project, reach)}; {advice}"
        return RawFinding(self.code, call.node, message,
                          reach_trace(project, reach, file_index, call, f"{call.text}()"))

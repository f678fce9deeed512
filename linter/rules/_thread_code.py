"""The base of the LS2 rules that flag a call made in code that runs in a worker thread."""

from __future__ import annotations

from typing import ClassVar, Iterable

from ..analysis.contexts import Reach, describe_reach, may_get_param_types, reach_trace, thread_code
from ..analysis.facts import CallSite, RawFinding
from ..analysis.loop_calls import callee_name
from ..analysis.project import Project
from ..analysis.refs import FunctionRef
from .base import ProjectRule


class ThreadCodeRule(ProjectRule):
    """Flags calls made in functions that run in a worker thread (``thread_code``).

    ``match`` returns what is wrong with the call (``"`loop.call_soon()` is not
    thread-safe"``) and the fix, or None; ``reach`` only types the parameters of a
    thread's entry function (``Reach.param_type``), and None stands for no such type. It
    accepts only a call of one of ``methods`` or of one of the functions ``callees`` name.

    Which functions run in threads is a question about the whole project: a run that
    reports some files asks it only when one of their calls may match (``_may_match``).
    """

    methods: ClassVar[frozenset[str]]
    callees: ClassVar[frozenset[str]] = frozenset()

    def match(self, project: Project, file_index: int, call: CallSite, reach: Reach | None) -> tuple[str, str] | None:
        raise NotImplementedError

    def _may_match(self, project: Project, ref: FunctionRef, call: CallSite) -> bool:
        """Whether ``match`` may accept the call in some thread: its answer without a
        thread's parameter types, or True for a method of a parameter that a hand-off may type.
        Coroutine functions and class bodies never run in a thread (``contexts.reach``)."""
        function = project.function(ref)
        if function.is_async or function.kind == "class":
            return False
        if call.method not in self.methods and not (
                self.callees and callee_name(project, ref.file, call) in self.callees):
            return False
        if (call.receiver is None and call.target is None and call.text.rpartition(".")[0] in function.params
                and may_get_param_types(project, ref)):
            return True
        return self.match(project, ref.file, call, None) is not None

    def check(self, project: Project) -> Iterable[tuple[int, RawFinding]]:
        if project.scoped and not any(self._may_match(project, ref, call) for ref in project.reported_functions()
                                      for call in project.calls_in(ref)):
            return
        for ref, reach in thread_code(project).items():
            if not project.is_reported(ref.file):
                continue
            for call in project.calls_in(ref):
                found = self.match(project, ref.file, call, reach)
                if found is not None:
                    problem, advice = found
                    message = f"{problem}, and {describe_reach(project, reach)}; {advice}"
                    yield ref.file, RawFinding(self.code, call.node, message,
                                               reach_trace(project, reach, ref.file, call, f"{call.text}()"))

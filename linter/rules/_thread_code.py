"""The base of the LS2 rules that flag a call made in code that runs in a worker thread."""

from __future__ import annotations

from typing import Iterable

from ..analysis.contexts import Reach, describe_reach, reach_trace, thread_code
from ..analysis.facts import CallSite, RawFinding
from ..analysis.project import Project
from .base import ProjectRule


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

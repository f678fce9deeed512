"""What the LS1 rules share: each reports the blocking calls of one kind that the
project pass found on the event loop, made directly or through sync helpers."""

from __future__ import annotations

import re
from typing import ClassVar, Iterable

from ..analysis.blocking import BlockingCall, blocking_calls
from ..analysis.callgraph import trace_entries
from ..analysis.facts import CallSite, RawFinding
from ..analysis.project import Project
from ..catalogue import Kind
from .base import ProjectRule


# ", or `asyncio.to_thread`" ending a catalogue alternative: said already for a helper
_TO_THREAD_TAIL = re.compile(r",? or `asyncio\.to_thread`$")
# a catalogue alternative's placeholder, spelt out with the call it is about
_ANY_TO_THREAD = "`await asyncio.to_thread(...)`"
_DOTTED = re.compile(r"(?!\d)\w+(?:\.(?!\d)\w+)*")


def _public(name: str) -> str:
    return name.removeprefix("builtins.")


def _spelled(name: str, text: str) -> str:
    """`time.sleep()`, or `time.sleep()` (called as `nap`) for an alias."""
    name = _public(name)
    shown = f"`{name}()`"
    if text == name or name.endswith("." + text):
        return shown
    return f"{shown} (called as `{text}`)"


def describe(found: BlockingCall, project: Project) -> str:
    api = found.api
    coroutine = found.function.name
    if found.scheduled is not None:
        chain = " -> ".join([f"{step.call.text}()" for step in found.path[:-1]] + [f"{_public(api.name)}()"])
        return (f"`{found.scheduled.text}()` runs `{found.path[0].call.text}()` on the event loop, and it "
                f"blocks ({api.kind.value}: `{chain}`); schedule a non-blocking callback, or run the "
                f"blocking part with `loop.run_in_executor`")
    if len(found.path) == 1:
        alternative = api.alternative.replace(_ANY_TO_THREAD, _to_thread(found.call))
        return (f"{_spelled(api.name, found.call.text)} blocks the event loop in coroutine "
                f"`{coroutine}()`; use {alternative}")
    names = [f"{coroutine}()"] + [step.call.spelled for step in found.path[:-1]] + [f"{_public(api.name)}()"]
    helper = found.path[0].call.text
    if found.path[0].call.attribute:  # a property: reading it runs its getter
        advice = f"run it with `await asyncio.to_thread(lambda: {helper})`"
        spelled = f"the property `{helper}`"
    else:
        advice = f"run it with {_to_thread(found.path[0].call)}"
        spelled = f"the sync helper `{helper}()`"
    other = _TO_THREAD_TAIL.sub("", api.alternative)
    if other and "to_thread" not in other:  # the alternative only repeats the advice otherwise
        advice += f" or use {other}"
    return f"`{' -> '.join(names)}`: {spelled} blocks the event loop ({api.kind.value}); {advice}"


def _to_thread(call: CallSite) -> str:
    """The helper's call moved to a worker thread, as code that runs: the callee as
    written, then its arguments (``...`` standing for them where it has some). A callee
    that is not a name (``get_client().fetch``) has no such spelling."""
    if not _DOTTED.fullmatch(call.text):
        return "`asyncio.to_thread` (the callable and its arguments)"
    rest = ", ..." if call.args or call.kwargs or call.unpacked else ""
    return f"`await asyncio.to_thread({call.text}{rest})`"


class BlockingRule(ProjectRule):
    kind: ClassVar[Kind]

    def fix(self, found: BlockingCall, project: Project) -> tuple[str, tuple[tuple[int, str], ...]] | None:
        """A safe automatic fix for a finding, where the rule has one."""
        return None

    def check(self, project: Project) -> Iterable[tuple[int, RawFinding]]:
        for found in blocking_calls(project):
            if found.api.kind is not self.kind:
                continue
            trace, root = (), None
            if len(found.path) > 1 or found.scheduled is not None:
                trace = trace_entries(project, ((step.file, step.call) for step in found.path))
                root = trace[-1]
            yield found.file, RawFinding(self.code, found.call.node, describe(found, project), trace,
                                         self.fix(found, project), found.confidence, root)

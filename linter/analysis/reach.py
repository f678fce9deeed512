"""Which branch a call path needs, carried from the blocking call out to the loop, and
how sure a finding is.

A path from a coroutine to a blocking call holds ``Reach``: the conditions on the
current function's inputs still needed for the path's branches (``branches.py``), and
whether some were left undecided. Each call on the way (``Reach.through``) decides the
conditions on the callee's inputs against the call's arguments: a condition the
arguments cannot meet refuses the call (the path is not taken from there), one they
meet is dropped, one on a parameter passed straight through moves to the caller's
parameter, and any other is undecided.

Confidence of a finding (``Diagnostic.confidence``):

- ``certain``: the blocking call is made in the coroutine, or every call on the way
  to it is made unconditionally;
- ``likely``: the path goes through branches that the arguments take, or that only the
  coroutine's own callers decide (a public coroutine given a path opens it);
- ``possible``: a branch on the way could not be decided from the arguments (an
  argument of unknown type, a test's fixture), or the blocking call is a method of a
  parameter annotated with an abstract file type (``out: BinaryIO``): callers often
  pass an in-memory file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import catalogue
from ..catalogue import python
from ..diagnostics import CONFIDENCES
from .branches import decide
from .facts import ArgRef, CallSite, Condition, FunctionFacts

if TYPE_CHECKING:
    from .project import Project

CERTAIN, LIKELY, POSSIBLE = CONFIDENCES
_STATIC = frozenset({python.STATICMETHOD})
_TEST_PREFIX = "test"


@dataclass(frozen=True)
class Reach:
    """What a path still needs of the current function's inputs (``needs``), whether
    any step of it sits under a branch (``conditional``) and whether a branch was left
    undecided (``undecided``)."""

    needs: tuple[Condition, ...] = ()
    conditional: bool = False
    undecided: bool = False

    @staticmethod
    def at(call: CallSite) -> "Reach":
        return Reach(call.conditions, call.conditional, abstract_file(call))

    def through(self, project: "Project", caller: FunctionFacts, call: CallSite, callee: FunctionFacts
                ) -> "Reach | None":
        """The path as seen from ``caller``, which makes ``call`` to ``callee``; None when
        the call's arguments cannot take the path's branches."""
        needs = list(call.conditions)
        undecided = self.undecided
        for condition in self.needs:
            moved = _carry(project, condition, caller, call, callee)
            if moved is False:
                return None
            if moved is None:
                undecided = True
            elif moved is not True:
                needs.append(moved)
        return Reach(tuple(needs), self.conditional or call.conditional, undecided)

    def confidence(self, coroutine: FunctionFacts, direct: CallSite | None) -> str:
        """``direct``: the blocking call, when the coroutine makes it itself."""
        if direct is not None:
            return POSSIBLE if abstract_file(direct) else CERTAIN
        if self.undecided or (self.needs and coroutine.name.startswith(_TEST_PREFIX)):
            return POSSIBLE  # a test's parameters are fixtures, not its callers' choice
        return LIKELY if self.conditional else CERTAIN


def abstract_file(call: CallSite) -> bool:
    """``out.write()`` with ``out: BinaryIO`` a parameter: the file may well be a BytesIO."""
    return call.on_parameter and call.receiver in python.ABSTRACT_FILE_TYPES


def _carry(project: "Project", condition: Condition, caller: FunctionFacts, call: CallSite,
           callee: FunctionFacts) -> Condition | bool | None:
    """True/False: the call meets the condition or cannot; a Condition: it now depends
    on the caller's inputs; None: undecided."""
    subject = condition.subject
    if subject.startswith("self."):
        attribute = subject.removeprefix("self.")
        if caller.cls and caller.params and call.text.startswith(caller.params[0] + "."):
            param = dict(caller.attribute_params).get(attribute)  # `self.x = x` earlier in the caller
            return condition.on(param) if param else condition
        param = dict(callee.attribute_params).get(attribute)
        if callee.name != "__init__" or param is None:
            return None
        subject = param  # a constructor call: the attribute is the argument
    arg = _argument(call, callee, subject)
    if arg is None:
        return None
    met = decide(condition, arg, lambda t: _ancestry(project, t), lambda t: t in project.classes)
    if met is not None:
        return met
    if arg.kind == "local" and arg.value in caller.params:
        return condition.on(arg.value)
    return None


def _argument(call: CallSite, callee: FunctionFacts, param: str) -> ArgRef | None:
    """What the call passes for ``param``: its argument, or the default when it passes none."""
    if param not in callee.params:
        return None
    position = callee.params.index(param)
    if callee.cls and not set(callee.decorators) & _STATIC:
        position -= 1  # a bound call: `self` or the class is not among the arguments
    arg = call.arg(position, param)
    if arg is not None:
        return arg
    if call.unpacked:
        return None
    return dict(callee.defaults).get(param)


def _ancestry(project: "Project", type_name: str) -> list[str]:
    found = list(catalogue.type_ancestry(type_name)) + list(python.IN_MEMORY_FILES.get(type_name, ()))
    for owner in project.mro(type_name):
        found.append(owner)
        found.extend(b for base in project.classes[owner][1].bases for b in catalogue.type_ancestry(base))
    return found


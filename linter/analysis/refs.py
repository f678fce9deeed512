"""How the project pass names functions and calls: plain values every analysis shares."""

from __future__ import annotations

from dataclasses import dataclass

from ..catalogue import BlockingAPI
from .facts import CallSite


@dataclass(frozen=True)
class FunctionRef:
    """A function of the analysed code: which file, which entry of its facts."""

    file: int
    index: int


@dataclass(frozen=True)
class Callee:
    """What a call calls: a catalogue API, a function of the project, or neither."""

    name: str  # the resolved qualified name ("time.sleep", "pkg.mod.Client.get")
    api: BlockingAPI | None = None
    function: FunctionRef | None = None


@dataclass(frozen=True)
class Step:
    """One call on a call path: in file ``file``, ``call`` calls ``callee``."""

    file: int
    call: CallSite
    callee: Callee

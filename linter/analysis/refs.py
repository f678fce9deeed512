"""How the project pass names functions and calls: plain values every analysis shares.
Slotted: a whole library's project pass holds one ``Callee`` per call and a
``FunctionRef`` per function and per call's caller."""

from __future__ import annotations

from dataclasses import dataclass

from ..catalogue import BlockingAPI
from .facts import CallSite


@dataclass(frozen=True, slots=True)
class FunctionRef:
    """A function of the analysed code: which file, which entry of its facts."""

    file: int
    index: int


@dataclass(frozen=True, slots=True)
class Callee:
    """What a call calls: a catalogue API, a function of the project, or neither."""

    name: str  # the resolved qualified name ("time.sleep", "pkg.mod.Client.get")
    api: BlockingAPI | None = None
    function: FunctionRef | None = None


@dataclass(frozen=True, slots=True)
class Step:
    """One call on a call path: in file ``file``, ``call`` calls ``callee``."""

    file: int
    call: CallSite
    callee: Callee

"""What the per-file pass learns about one file: plain, picklable data.

The per-file pass runs in worker processes and its result is cached, so
nothing here holds an ``ast`` node. A node is named by its *index*: its number in
the walk order of ``traversal.iter_nodes``, which is the same every time the
same source is parsed. The spans of the nodes that can be reported travel with the
facts (``spans``, ``positions.py``), so no file is parsed twice.

A whole project's facts are held at once (the project pass needs them all), so the
records are lean: slotted, and (``codec.py``) read back with their strings interned.
They are not ``frozen``: a frozen dataclass sets each field through ``object.__setattr__``,
which made reading a record nine times slower, and a run reads hundreds of thousands. They
are never changed once made (``dataclasses.replace`` makes a new one), and hash by value
as frozen ones do.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from operator import attrgetter

MODULE_LEVEL = -1  # the "function" index of code that runs at import time
NEW_IMPORT = -1  # a fix's edit at this "node" adds its text as an import (fixes.import_edit)


class _Record:
    """Pickled as ``(class, field values)``: read back by calling the class, in C."""

    __slots__ = ()
    _values = None  # attrgetter of every field, set on each record class

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        names = cls.__dict__.get("__slots__")
        if names:  # the slotted class that @dataclass(slots=True) makes
            cls._values = attrgetter(*names) if len(names) > 1 else (lambda record: (getattr(record, names[0]),))

    def __reduce__(self):
        return type(self), self._values(self)


@dataclass(slots=True, unsafe_hash=True)
class ArgRef(_Record):
    """What an argument of a call is, as far as the rules care.

    ``kind`` is one of: ``ref`` (a name resolving to ``value``, a qualified
    name), ``function`` (a def of this file, ``value`` its qualified name),
    ``lambda`` (``value`` the lambda's function qualname), ``call`` (a call,
    ``value`` the callee's name if known), ``partial`` (``functools.partial``
    of ``inner``), ``literal`` (``value`` its source text), ``method`` (a bound
    method such as ``self.flush``: ``value`` is the owner's type, a dot, the
    method name), ``local`` (a local name or parameter, ``value`` the name), ``other``.
    ``type`` is the inferred type of the value, where known.
    """

    kind: str
    value: str = ""
    type: str | None = None
    inner: "ArgRef | None" = None


@dataclass(slots=True, unsafe_hash=True)
class Condition(_Record):
    """``subject`` (a parameter name, or ``self.attr``) is an instance of one of ``types``
    (``builtins.NoneType`` for ``is None``), or, when ``holds`` is False, of none of them.
    With ``values`` (literals' source text, ``host == "localhost"``) it is equal to one of
    those instead."""

    subject: str
    types: tuple[str, ...]
    holds: bool = True
    values: tuple[str, ...] = ()

    def on(self, subject: str) -> "Condition":
        return replace(self, subject=subject)


_AWAITED, _MAIN_GUARDED, _STATEMENT, _ITERATED, _CONDITIONAL, _UNPACKED, _ON_PARAMETER, _ATTRIBUTE, _SETTLED = (
    1 << bit for bit in range(9))


def call_flags(awaited: bool = False, main_guarded: bool = False, statement: bool = False,
               iterated: bool = False, conditional: bool = False, unpacked: bool = False,
               on_parameter: bool = False, attribute: bool = False, settled: bool = False) -> int:
    """``CallSite.flags`` for these facts of a call."""
    return (_AWAITED * awaited | _MAIN_GUARDED * main_guarded | _STATEMENT * statement
            | _ITERATED * iterated | _CONDITIONAL * conditional | _UNPACKED * unpacked
            | _ON_PARAMETER * on_parameter | _ATTRIBUTE * attribute | _SETTLED * settled)


def _flag(bit: int) -> property:
    return property(lambda call: bool(call.flags & bit))


@dataclass(slots=True, unsafe_hash=True)
class CallSite(_Record):
    """One call in the source.

    The callee is either a qualified name (``target``: ``time.sleep``,
    ``pkg.mod.helper``, ``pkg.mod.Client``) or a method on a typed receiver
    (``receiver`` a type name such as ``sqlite3.Connection`` — possibly with
    ``::attr`` segments the project pass resolves — and ``method``).
    ``method`` is the attribute name of any ``x.name(...)`` call, also when
    neither a target nor a receiver type is known.
    """

    function: int  # index into FileFacts.functions, or MODULE_LEVEL
    node: int
    text: str  # the callee as written, for messages: "nap", "self.session.get"
    target: str | None = None
    receiver: str | None = None
    method: str | None = None
    args: tuple[ArgRef, ...] = ()
    kwargs: tuple[tuple[str, ArgRef], ...] = ()
    flags: int = 0  # the yes/no facts below, as bits: see call_flags
    callee_node: int | None = None  # the callee expression (`time.sleep` of `time.sleep(1)`), a fix's target
    conditions: tuple[Condition, ...] = ()  # what the branches it is under need of the inputs

    # One int instead of nine bool fields: a field is 8 bytes of every call, and a whole
    # library holds 440k calls (27 MB less). They are read far less often than that.
    awaited = _flag(_AWAITED)
    main_guarded = _flag(_MAIN_GUARDED)  # under `if __name__ == "__main__":`
    statement = _flag(_STATEMENT)  # the call is a whole expression statement: its value is dropped
    iterated = _flag(_ITERATED)  # the call is what a `for` or a comprehension iterates over
    conditional = _flag(_CONDITIONAL)  # under an `if`/`else` of its function (branches.py)
    unpacked = _flag(_UNPACKED)  # has `*args` or `**kwargs`: omitted parameters are not known
    on_parameter = _flag(_ON_PARAMETER)  # a method called on a parameter of the function (`fp.write()`)
    # not a call as written: a read of an attribute (a property's getter runs), or an
    # assignment to one (its setter receives the value, the only argument)
    attribute = _flag(_ATTRIBUTE)
    # a future's `result()`/`exception()` where it is known done (`if fut.done():`, after
    # `fut.set_result(...)`): it returns at once
    settled = _flag(_SETTLED)

    @property
    def spelled(self) -> str:
        """The call as messages show it: ``helper()``, or ``self.status`` for an attribute."""
        return self.text if self.attribute else f"{self.text}()"

    def kwarg(self, name: str) -> ArgRef | None:
        for key, value in self.kwargs:
            if key == name:
                return value
        return None

    def arg(self, position: int, keyword: str | None = None) -> ArgRef | None:
        if position is not None and position < len(self.args):
            return self.args[position]
        return self.kwarg(keyword) if keyword else None


@dataclass(slots=True, unsafe_hash=True)
class FunctionFacts(_Record):
    qualname: str  # "pkg.mod.Class.method", "pkg.mod.outer.<locals>.inner"
    name: str
    node: int
    is_async: bool
    kind: str = "def"  # "def", "lambda" or "class" (a class body)
    parent: int = MODULE_LEVEL  # the enclosing function, if any
    cls: str | None = None  # qualname of the class it is a method of
    decorators: tuple[str, ...] = ()  # resolved names of its decorators
    params: tuple[str, ...] = ()
    returns: str | None = None  # the type it returns, from its annotation or a return statement
    generator: bool = False  # its body has a `yield`: calling it runs nothing until iterated
    defaults: tuple[tuple[str, ArgRef], ...] = ()  # parameter -> its default value
    # `self.attr = param` in its body: ("attr", "param")
    attribute_params: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True, unsafe_hash=True)
class ClassFacts(_Record):
    qualname: str
    node: int
    bases: tuple[str, ...] = ()
    # attribute name -> inferred type (`self.session = requests.Session()`)
    attributes: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True, unsafe_hash=True)
class RawFinding(_Record):
    """A finding whose place is still a node index; the engine adds positions."""

    code: str
    node: int
    message: str
    # (path, node index, text) per step of the call path; positions come later
    trace: tuple[tuple[str, int, str], ...] = ()
    # (node index, replacement source) edits for a safe automatic fix; NEW_IMPORT: an import to add
    fix: tuple[str, tuple[tuple[int, str], ...]] | None = None
    confidence: str | None = None  # analysis/reach.py: certain, likely or possible
    root: tuple[str, int, str] | None = None  # the blocking call at the end of the trace

@dataclass(slots=True, unsafe_hash=True)
class PackedArgs(_Record):
    """``args=(a, b)`` and ``kwargs={"key": c}`` of the call at node ``call``,
    element by element."""

    call: int
    elements: tuple[ArgRef, ...] = ()
    keywords: tuple[tuple[str, ArgRef], ...] = ()


@dataclass(slots=True, unsafe_hash=True)
class ExecutorParam(_Record):
    """``run_in_executor`` at node ``call`` takes its executor from parameter ``name``."""

    call: int
    name: str


@dataclass(slots=True, unsafe_hash=True)
class HeldLock(_Record):
    """A lock expression of (possibly unresolved) type ``type`` held across an
    await at node ``node``, in coroutine ``coroutine``; ``how`` is ``with`` or ``acquire``."""

    node: int
    type: str
    text: str
    coroutine: str
    how: str


@dataclass(slots=True)
class FileFacts(_Record):
    path: str
    module: str
    lines: int = 0
    error: str | None = None  # set when the file could not be read or parsed
    functions: list[FunctionFacts] = field(default_factory=list)
    classes: list[ClassFacts] = field(default_factory=list)
    calls: list[CallSite] = field(default_factory=list)
    # module-level names bound by imports: name -> qualified name (re-exports)
    exports: dict[str, str] = field(default_factory=dict)
    # module-level names holding an instance of a known type: name -> type
    variables: dict[str, str] = field(default_factory=dict)
    # attributes read (not called, not assigned) on a value of a known type: a call where
    # the attribute is a property (the project pass decides, `Project.property_reads`)
    attribute_reads: list[CallSite] = field(default_factory=list)
    # modules this one star-imports (`from .x import *`), and its `__all__` when it has one
    star_imports: list[str] = field(default_factory=list)
    public: tuple[str, ...] | None = None
    findings: list[RawFinding] = field(default_factory=list)
    # what the recorders (recorders.py) note for the project pass, on every file
    packed_args: list[PackedArgs] = field(default_factory=list)
    executor_params: list[ExecutorParam] = field(default_factory=list)
    loop_probes: list[int] = field(default_factory=list)  # get_running_loop() in try/except RuntimeError
    held_locks: list[HeldLock] = field(default_factory=list)
    loop_ranges: list[tuple[int, int]] = field(default_factory=list)  # outermost loops, in forking files
    # (node, line, column, end line, end column) of each node a finding can name: an
    # array("i"), flat, compressed (positions.pack)
    spans: bytes = b""

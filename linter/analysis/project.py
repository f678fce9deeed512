"""The project-wide pass: every file's facts together, and names, types and calls
resolved across files.

The per-file pass cannot know that ``pkg.util.load`` is the function of ``pkg/util.py``
when the call is in ``pkg/app.py``; here the summaries meet. The analyses built on it
(``blocking``, ``contexts``, ``callgraph``...) ask it what a call calls.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from dataclasses import replace
from pathlib import Path
from functools import cached_property
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

from .. import catalogue
from ..catalogue import BlockingAPI, Kind, concurrency, python
from ..settings import Settings
from .facts import MODULE_LEVEL, CallSite, ClassFacts, FileFacts, FunctionFacts
from . import type_names
from .refs import Callee, FunctionRef

T = TypeVar("T")
_MAX_ALIAS_DEPTH = 8
_PROPERTIES = python.PROPERTIES
_CONTEXT_MANAGERS = python.CONTEXT_MANAGERS
# methods of a dict that give one of its values
_MAPPING_ITEM_METHODS = frozenset({"get", "pop", "setdefault"})
# decorators that turn a sync function into an awaitable run in a worker thread
_OFFLOADING = concurrency.OFFLOADING_DECORATORS


_CONFIGURED = "`await asyncio.to_thread(...)`, or an async equivalent"


def _matches(name: str, patterns: frozenset[str]) -> bool:
    """Exact qualified name, or a module/class prefix of it."""
    if name in patterns:
        return True
    parts = name.split(".")
    return any(".".join(parts[:i]) in patterns for i in range(1, len(parts)))


def _namespace_names(path: str, module: str, levels: int = 3) -> list[str]:
    """The longer names a module has when the folders above its top package are packages
    too, as a namespace package's are: ``svc/api/util.py`` (module ``util``) is also
    ``api.util`` and ``svc.api.util``."""
    top = Path(path).parent.joinpath(*[".."] * (module.count(".") + (Path(path).stem == "__init__")))
    folders = [f for f in os.path.normpath(top).split(os.sep) if f.isidentifier()]
    return [".".join([*folders[len(folders) - k:], module]) for k in range(1, min(levels, len(folders)) + 1)]



class Project:
    """Every file's facts together. The files at the indices ``reported`` (all by default) are
    those whose findings are wanted; the others are context. A rule asks of the context only
    what the reported files' findings depend on, so that a pre-commit run on one file of a
    large project costs little more than that file's part of it.

    The order of ``files`` decides ties between equally short call paths: a run that reports
    some files gives the files in the order a run over the whole project does."""

    def __init__(self, files: list[FileFacts], settings: Settings | None = None,
                 reported: Iterable[int] | None = None):
        settings = settings or Settings()
        self.files = files
        self._reported = range(len(files)) if reported is None else sorted(set(reported))
        self._reported_set = frozenset(self._reported)
        self._safe = frozenset(settings.safe_calls)
        self._configured = frozenset(catalogue.canonical(n) for n in settings.blocking_calls)
        self._blocking_types = frozenset(catalogue.canonical(n) for n in settings.blocking_types)
        self._returns = {catalogue.canonical(k): catalogue.canonical(v) for k, v in settings.returns.items()}
        self.functions: dict[str, list[FunctionRef]] = {}
        self.classes: dict[str, tuple[int, ClassFacts]] = {}
        self.modules: dict[str, int] = {}
        self._analyses: dict[str, object] = {}
        self._resolving: set[str] = set()  # type names being resolved: a cycle stops here
        # memos: the project's facts do not change, and the same names are asked about for
        # every call (a whole-library run asked `resolve` 9 million times for 330k calls)
        self._names: dict[str, str] = {}
        self._mros: dict[str, tuple[str, ...]] = {}
        self._types: dict[tuple[str, str], str | None] = {}
        # per file, keyed by the call's node (and its method, for the rare node with two
        # calls): a 3-tuple key per call was 20 MB of a whole-library run's peak
        self._callees: list[dict[int | tuple[int, str], Callee | None]] = [{} for _ in files]
        self._reads: dict[int, dict[tuple[int, str | None], tuple[CallSite, Callee]]] = {}
        self._by_function: dict[int, dict[FunctionRef, list[CallSite]]] = {}
        # `svc.api.util` -> `util` where `svc/api/` has no `__init__.py` (a namespace package,
        # or a `src/` layout checked from above `src`): the name its importers spell
        self._namespace: dict[str, str] = {}
        for file_index, facts in enumerate(files):
            if facts.error:
                continue
            self.modules.setdefault(facts.module, file_index)
            for longer in _namespace_names(facts.path, facts.module):
                self._namespace.setdefault(longer, facts.module)
            for index, function in enumerate(facts.functions):
                if function.kind == "def":
                    self.functions.setdefault(function.qualname, []).append(FunctionRef(file_index, index))
            for cls in facts.classes:
                self.classes.setdefault(cls.qualname, (file_index, cls))

    @property
    def scoped(self) -> bool:
        """Only some files are reported: the analyses start from them."""
        return len(self._reported) < len(self.files)

    def reported_files(self) -> Sequence[int]:
        """The indices of the reported files, in order."""
        return self._reported

    def is_reported(self, file_index: int) -> bool:
        return file_index in self._reported_set

    def cached(self, key: str, build: Callable[[], T]) -> T:
        """An analysis of the whole project (hand-offs, thread code...), built once on
        first use and shared by every rule that asks; ``key`` names it."""
        if key not in self._analyses:
            self._analyses[key] = build()
        return self._analyses[key]  # type: ignore[return-value]

    # ----------------------------------------------------------- names
    def function(self, ref: FunctionRef) -> FunctionFacts:
        return self.files[ref.file].functions[ref.index]

    def resolve(self, name: str) -> str:
        """Follow re-exports: ``pkg.load`` -> ``pkg.util.load`` when ``pkg/__init__.py``
        does ``from .util import load``."""
        found = self._names.get(name)
        if found is None:
            found = self._names[name] = self._follow_exports(name)
        return found

    def _follow_exports(self, name: str) -> str:
        for _ in range(_MAX_ALIAS_DEPTH):
            if name in self.functions or name in self.classes:
                return name
            module, _, attr = name.rpartition(".")
            file_index = self.modules.get(module)
            if file_index is None and module in self._namespace:
                name = f"{self._namespace[module]}.{attr}"
                continue
            if file_index is None:
                # a method or attribute of a re-exported class: resolve the owner
                if module and "." in module:
                    owner = self.resolve(module)
                    if owner != module:
                        name = f"{owner}.{attr}"
                        continue
                return name
            target = self.files[file_index].exports.get(attr) or self._star_source(file_index, attr)
            if not target or target == name:
                return name
            name = target
        return name

    def _star_source(self, file_index: int, attr: str, depth: int = 0) -> str | None:
        """``attr`` of a module that has it from ``from x import *``: ``x.attr``, where ``x``
        (or a module it star-imports in turn) defines it and lets a star import take it (in
        its ``__all__``, or public without one)."""
        facts = self.files[file_index]
        if not facts.star_imports or attr in facts.variables or depth > _MAX_ALIAS_DEPTH:
            return None
        for source in facts.star_imports:
            source_index = self.modules.get(source)
            if source_index is None and source in self._namespace:
                source_index = self.modules.get(self._namespace[source])
            if source_index is None:
                continue
            source_facts = self.files[source_index]
            if source_facts.public is not None and attr not in source_facts.public:
                continue
            if source_facts.public is None and attr.startswith("_"):
                continue
            qualified = f"{source_facts.module}.{attr}"
            if (qualified in self.functions or qualified in self.classes or attr in source_facts.variables
                    or attr in source_facts.exports):
                return qualified
            deeper = self._star_source(source_index, attr, depth + 1)
            if deeper is not None:
                return deeper
        return None

    def resolve_type(self, type_name: str, depth: int = 0) -> str | None:
        """A type name with the steps the file pass could not take (``type_names.py``)
        taken: ``pkg.db.Store::conn`` -> ``sqlite3.Connection``, ``pkg.api.Client::session()``
        -> what that method returns.

        Types can refer to themselves (``Sentinel = Sentinel()`` rebinds a class to its
        instance; ``self.t = self.parent.t``): a name met again while it is being
        resolved has no type, rather than recursing forever."""
        if depth > _MAX_ALIAS_DEPTH or type_name in self._resolving:
            return None
        if depth == 0:
            return self._outermost("type", type_name, self._guarded_type)
        return self._guarded_type(type_name, depth)

    def _guarded_type(self, type_name: str, depth: int = 0) -> str | None:
        self._resolving.add(type_name)
        try:
            return self._resolve_type(type_name, depth)
        finally:
            self._resolving.discard(type_name)

    def _outermost(self, kind: str, name: str, compute: Callable[[str], str | None]) -> str | None:
        """``compute(name)`` at depth 0, remembered when no type is being resolved around
        it: only then is the answer free of the cycle guard (inside a cycle a name has no
        type) and of the depth limit."""
        if self._resolving:
            return compute(name)
        key = (kind, name)
        if key not in self._types:
            self._types[key] = compute(name)
        return self._types[key]

    def _resolve_type(self, type_name: str, depth: int) -> str | None:
        head, *rest = type_names.steps(type_name)
        current = self._returned_type(catalogue.canonical(self.resolve(head)), depth)
        for next_step in rest:
            if current is None:
                return None
            current = self._after(current, next_step, depth + 1)
        return current

    def _after(self, current: str, next_step: str, depth: int) -> str | None:
        """The type one step after a value of type ``current``."""
        if next_step == type_names.ELEMENT:
            element = type_names.element_of(current)
            return self.resolve_type(element, depth) if element else None
        if next_step == type_names.SUBSCRIPT:
            item = type_names.item_of(current)
            return self.resolve_type(item, depth) if item else self.returned_by(current, "__getitem__", depth)
        if next_step.endswith("()"):
            method = next_step[:-2]
            item = type_names.item_of(current) if current.startswith("mapping[") else None
            if item is not None:  # `jobs.get(name)`, `jobs.values()` of a `dict[str, Future]`
                if method in _MAPPING_ITEM_METHODS:
                    return self.resolve_type(item, depth)
                return f"list[{item}]" if method == "values" else None
            return self.returned_by(current, method, depth)
        return self.attribute_type(current, next_step, depth)

    def _returned_type(self, name: str, depth: int = 0) -> str | None:
        """A project function stands for what it returns (``conn = get_conn()``), and a
        method reached through a typed value for what the catalogue says it returns
        (``Order.objects.filter`` -> a QuerySet)."""
        refs = self.functions.get(name)
        if not refs:
            return (self._returns.get(name) or self._method_result(name, depth)
                    or self._instance_call(name) or name)
        returned = self.function(refs[0]).returns
        if returned is None or depth > _MAX_ALIAS_DEPTH:
            return None
        return self._named_type(returned, depth + 1)

    def _named_type(self, returned: str, depth: int) -> str | None:
        """A type as a function's facts give it (its annotation or its return's type)."""
        if type_names.SEPARATOR in returned:
            return self.resolve_type(returned, depth)
        return self._returned_type(catalogue.canonical(self.resolve(returned)), depth)

    def _instance_call(self, name: str) -> str | None:
        """What calling a module-level instance returns: ``SessionLocal()`` with
        ``SessionLocal = sessionmaker(...)`` imported from another module. (A type the
        pass gives as a name is a call's result, so a variable's name here was called.)"""
        instance = self.value_type(name) if "." in name else None
        if instance is None:
            return None
        return next((found for t in self.library_types(instance)
                     if (found := catalogue.returns(f"{catalogue.canonical(t)}.__call__"))), None)

    def _method_result(self, name: str, depth: int) -> str | None:
        """What ``owner.method`` returns where ``owner`` is a value of a known type."""
        owner, _, method = name.rpartition(".")
        owner_type = self.value_type(owner) if owner and depth <= _MAX_ALIAS_DEPTH else None
        return self.returned_by(owner_type, method, depth) if owner_type is not None else None

    def returned_by(self, owner_type: str, method: str, depth: int = 0) -> str | None:
        """What calling ``method`` on a value of ``owner_type`` returns, where known."""
        function = self.method(owner_type, method, -1)
        if function is not None:
            returned = self.function(function).returns
            return self._named_type(returned, depth + 1) if returned and depth <= _MAX_ALIAS_DEPTH else None
        return next((found for t in self.library_types(owner_type)
                     if (found := self._returns.get(f"{catalogue.canonical(t)}.{method}")
                         or catalogue.returns(f"{catalogue.canonical(t)}.{method}"))), None)

    def value_type(self, name: str, depth: int = 0) -> str | None:
        """The type of the value a dotted name stands for, where it is not a function or a
        class: a module-level variable (``pkg.db.engine``), an attribute of a class or of a
        typed value (``app.models.Order.objects``, ``django.db.connection``)."""
        if depth == 0:
            return self._outermost("value", name, self._value_type)
        return self._value_type(name, depth)

    def _value_type(self, name: str, depth: int = 0) -> str | None:
        resolved = self.resolve(name)
        module, _, attr = resolved.rpartition(".")
        if not module or depth > _MAX_ALIAS_DEPTH:
            return None
        file_index = self.modules.get(module)
        if file_index is not None:
            found = self.files[file_index].variables.get(attr)
            if found:
                return self.resolve_type(found)
        return self.attribute_type(self.value_type(module, depth + 1) or module, attr)

    def library_types(self, cls: str) -> list[str]:
        """Where the catalogue's knowledge of ``cls`` lives: itself, or for a project class
        the library classes it derives from (``class Order(models.Model)``)."""
        owners = self.mro(cls)
        if not owners:
            return [cls]
        return [base for owner in owners for base in self.classes[owner][1].bases if base not in self.classes]

    def attribute_type(self, cls: str, attr: str, depth: int = 0) -> str | None:
        for owner in self.mro(cls):
            _, facts = self.classes[owner]
            for name, attr_type in facts.attributes:
                if name == attr:
                    return self.resolve_type(attr_type, depth + 1)
        getter = self.property_getter(cls, attr)
        if getter is not None:
            returned = self.function(getter).returns
            return self.resolve_type(returned, depth + 1) if returned else None
        known = next((found for t in self.library_types(cls)
                      if (found := catalogue.attribute(catalogue.canonical(t), attr))), None)
        return self.resolve_type(known, depth + 1) if known else None

    def property_getter(self, cls: str, name: str) -> FunctionRef | None:
        """The getter of property ``name`` of ``cls`` or its project bases (its setter and
        deleter share its name)."""
        for owner in self.mro(cls):
            for ref in self.functions.get(f"{owner}.{name}", ()):
                if set(self.function(ref).decorators) & _PROPERTIES:
                    return ref
        return None

    def functions_of_class(self, cls: str) -> list[FunctionRef]:
        """The methods ``cls`` itself defines."""
        file_index, _ = self.classes[cls]
        return [FunctionRef(file_index, index) for index, function in enumerate(self.files[file_index].functions)
                if function.kind == "def" and function.cls == cls]

    def mro(self, cls: str) -> tuple[str, ...]:
        """The project classes ``cls`` is or inherits from, nearest first."""
        found = self._mros.get(cls)
        if found is None:
            found = self._mros[cls] = self._linearize(cls)
        return found

    def _linearize(self, cls: str) -> tuple[str, ...]:
        order: list[str] = []
        queue = deque([cls])
        while queue:
            current = self.resolve(queue.popleft())
            if current in order or current not in self.classes:
                continue
            order.append(current)
            queue.extend(self.classes[current][1].bases)
        return tuple(order)

    def runs_body(self, call: CallSite, ref: FunctionRef) -> bool:
        """Whether this call runs the function's body where it stands: not when its
        result is awaited (something made it awaitable), not when it is offloaded, and
        for a generator only when the call is iterated right there."""
        if call.awaited:
            return False
        function = self.function(ref)
        if function.generator and not set(function.decorators) & _CONTEXT_MANAGERS:
            return call.iterated
        return not self.offloaded(ref)

    def offloaded(self, ref: FunctionRef) -> bool:
        """Calling it runs none of its body here: it is decorated to run in a worker
        thread (``@sync_to_async``, or a decorator of the project that wraps it in an
        ``async def``), or it is a generator (its body runs as it is iterated)."""
        function = self.function(ref)
        if function.generator and not set(function.decorators) & _CONTEXT_MANAGERS:
            return True
        for decorator in function.decorators:
            if decorator in _OFFLOADING:
                return True
            found = self.find_function(self.resolve(decorator), ref.file) if decorator else None
            if found is not None and found in self._wraps_in_coroutine:
                return True
        return False

    @cached_property
    def _wraps_in_coroutine(self) -> frozenset[FunctionRef]:
        """Sync functions that define an ``async def`` inside: decorators returning one."""
        found = set()
        for file_index, facts in enumerate(self.files):
            for function in facts.functions:
                if function.kind == "def" and function.is_async and function.parent != MODULE_LEVEL:
                    parent = facts.functions[function.parent]
                    if parent.kind == "def" and not parent.is_async:
                        found.add(FunctionRef(file_index, function.parent))
        return frozenset(found)

    def library_method(self, cls: str, name: str) -> BlockingAPI | None:
        """A catalogue method of ``cls`` or, for a project class, of the library
        classes it derives from (``class Worker(threading.Thread)``: ``join``)."""
        for candidate in self.library_types(cls):
            api = catalogue.lookup_method(catalogue.canonical(candidate), name)
            if api is not None:
                return api
        return None

    def method(self, cls: str, name: str, near: int) -> FunctionRef | None:
        for owner in self.mro(cls):
            found = self.find_function(f"{owner}.{name}", near)
            if found:
                return found
        return None

    def find_function(self, qualname: str, near: int) -> FunctionRef | None:
        """The function of that name. Two folders of scripts can both have a
        ``utils.py``: then the one in file ``near``'s own file or folder, and none
        when that does not decide (a guess would depend on the order of the paths)."""
        refs = self.functions.get(qualname)
        if not refs:
            return None
        if len(refs) == 1:
            return refs[0]
        same_file = [r for r in refs if r.file == near]
        if same_file:
            return same_file[0]
        if near < 0:
            return None
        folder = os.path.dirname(self.files[near].path)
        same_folder = [r for r in refs if os.path.dirname(self.files[r.file].path) == folder]
        return same_folder[0] if len(same_folder) == 1 else None

    # ---------------------------------------------------------- callees
    def callee(self, file_index: int, call: CallSite) -> Callee | None:
        if call.attribute:  # `client.on_message = fn`: named for the hand-off table, never a blocking call
            owner = self.resolve_type(call.receiver) if call.receiver else None
            return Callee(f"{owner}.{call.method}") if owner else None
        if call.target and call.method:
            # `engine.connect()` with `engine` a variable imported from another module,
            # `Order.objects.get()` with `objects` a class attribute the catalogue knows
            owner_type = self.value_type(call.target.rpartition(".")[0])
            if owner_type is not None:
                call = replace(call, target=None, receiver=owner_type)
        call = self._through_partial(file_index, call)
        consumed = self._consumed(call)
        if consumed is not None:
            name, api, function = consumed.name, consumed.api, None
        elif call.target:
            name = self.resolve(call.target)
            api = catalogue.lookup(name)
            if api is None and name in self.classes:
                init = self.method(name, "__init__", file_index)
                return Callee(name, None, init) if init else None
            function = None if api else self.find_function(name, file_index)
        elif call.receiver:
            owner = self.resolve_type(call.receiver)
            if owner is None:
                return None
            owner = self._next_in_mro(file_index, call, owner)
            name = sys.intern(f"{owner}.{call.method}")  # one copy per method name, not per call
            function = self.method(owner, call.method, file_index)
            api = None if function else self.library_method(owner, call.method)
            if api is None and function is None and not call.method.startswith("_") and self._configured_type(owner):
                api = BlockingAPI(name, Kind.CONFIGURED, _CONFIGURED)
        else:
            return None
        if api is None and name in self._configured:
            api = BlockingAPI(name, Kind.CONFIGURED, _CONFIGURED)
        if self._safe and _matches(name, self._safe):
            return None
        if name in catalogue.NON_BLOCKING:
            return Callee(name)  # known by name, but its body is not followed
        return Callee(name, api, function)

    def _through_partial(self, file_index: int, call: CallSite) -> CallSite:
        """Calling a ``functools.partial`` calls what it wraps: ``get_json(url)`` with
        ``get_json = partial(requests.get, timeout=5)``, ``self.fetch(url)`` with
        ``self.fetch = partial(self.session.get, ...)`` (an attribute, not a method)."""
        wrapped = None
        if call.receiver and call.method == "__call__":
            wrapped = type_names.partial_callee(call.receiver) or type_names.partial_callee(
                self.resolve_type(call.receiver))
        elif call.receiver and call.method:
            owner = self.resolve_type(call.receiver)
            if owner is not None and self.method(owner, call.method, file_index) is None:
                wrapped = type_names.partial_callee(self.attribute_type(owner, call.method))
        elif call.target and self.find_function(self.resolve(call.target), file_index) is None:
            wrapped = type_names.partial_callee(self.value_type(call.target))
        if wrapped is None:
            return call
        resolved = self.resolve(wrapped)
        if catalogue.lookup(wrapped) or resolved in self.functions or resolved in self.classes:
            return replace(call, target=wrapped, receiver=None, method=None)
        owner, _, method = wrapped.rpartition(".")  # a method of a typed value: `session.get`
        return replace(call, target=None, receiver=owner, method=method)

    def _next_in_mro(self, file_index: int, call: CallSite, owner: str) -> str:
        """``super().m()`` in a method of ``class Service(LoggingMixin, Client)``: the pass
        types ``super()`` as the first base; where that base lacks ``m``, Python goes on along
        the method's class's MRO (``Client``), and so does this."""
        caller = self.files[file_index].functions[call.function].cls if call.function != MODULE_LEVEL else None
        if caller is not None and owner == python.OBJECT and call.method:
            return self._after_mixin(caller, call.method, file_index) or owner
        if caller is None or owner not in self.classes or self.method(owner, call.method or "", file_index):
            return owner
        order = self.mro(caller)
        if owner not in order[1:]:
            return owner
        for later in order[order.index(owner) + 1:]:
            if self.find_function(f"{later}.{call.method}", file_index):
                return later
        # then the library classes the hierarchy derives from (`requests.Session`)
        return next((base for base in self.library_types(caller)
                     if catalogue.lookup_method(catalogue.canonical(base), call.method or "")), owner)

    def _after_mixin(self, mixin: str, method: str, near: int) -> str | None:
        """``super().load()`` in a mixin with no base of its own: the class after the mixin in
        the MRO of a project class that lists it (``class Partner(LoggingMixin, Source)``:
        ``Source``), the first such class that defines ``method``."""
        for cls in self.classes:
            order = self.mro(cls)
            if mixin not in order[1:]:
                continue
            for later in order[order.index(mixin) + 1:]:
                if self.find_function(f"{later}.{method}", near):
                    return later
            library = next((base for base in self.library_types(cls)
                            if catalogue.lookup_method(catalogue.canonical(base), method)), None)
            if library is not None:
                return library
        return None

    def _configured_type(self, owner: str) -> bool:
        """Whether ``owner`` is, or derives from, a type named in the ``blocking-types`` setting."""
        return bool(self._blocking_types) and any(
            t in self._blocking_types for candidate in {owner, *self.library_types(owner)}
            for t in catalogue.type_ancestry(catalogue.canonical(candidate)))

    def _consumed(self, call: CallSite) -> Callee | None:
        """``list(qs)``, ``len(qs)``, ``bool(qs)`` of a value whose type blocks when iterated,
        measured or tested (a Django queryset, a pymongo cursor): that special method."""
        special = python.CONSUMERS.get(call.target or "")
        arg = call.arg(0) if special else None
        owner = self.resolve_type(arg.type) if arg is not None and arg.type else None
        api = self.library_method(owner, special) if owner else None
        return Callee(f"{owner}.{special}", api) if api is not None else None

    def _property_reads(self, file_index: int) -> dict[tuple[int, str | None], tuple[CallSite, Callee]]:
        """A file's attribute reads (``FileFacts.attribute_reads``) whose attribute is a property
        of a project class: its getter runs where it is read, as a call would. By (node, name)."""
        found = self._reads.get(file_index)
        if found is None:
            found = self._reads[file_index] = {}
            for read in self.files[file_index].attribute_reads:
                owner = self.resolve_type(read.receiver) if read.receiver else None
                getter = self.property_getter(owner, read.method or "") if owner else None
                if getter is not None:
                    found[(read.node, read.method)] = (read, Callee(f"{owner}.{read.method}", None, getter))
        return found

    def calls_of(self, file_index: int) -> list[CallSite]:
        """A file's calls, property reads included."""
        return [*self.files[file_index].calls, *(read for read, _ in self._property_reads(file_index).values())]

    def calls_by_function_of(self, file_index: int) -> dict[FunctionRef, list[CallSite]]:
        """A file's calls (``calls_of``) by the function that makes them, in the order of the source."""
        grouped = self._by_function.get(file_index)
        if grouped is None:
            grouped = self._by_function[file_index] = {}
            for call in self.calls_of(file_index):
                if call.function != MODULE_LEVEL:
                    grouped.setdefault(FunctionRef(file_index, call.function), []).append(call)
        return grouped

    def calls_in(self, ref: FunctionRef) -> list[CallSite]:
        """The calls a function makes (property reads included), in the order of the source."""
        return self.calls_by_function_of(ref.file).get(ref, [])

    @cached_property
    def calls_by_function(self) -> dict[FunctionRef, list[CallSite]]:
        """Every function that makes calls, with them: file by file, in the order of the source."""
        return {ref: calls for file_index in range(len(self.files))
                for ref, calls in self.calls_by_function_of(file_index).items()}

    def reported_functions(self) -> Iterator[FunctionRef]:
        """The functions that make calls in the reported files, in ``calls_by_function`` order."""
        for file_index in self.reported_files():
            yield from self.calls_by_function_of(file_index)

    def resolved(self, file_index: int, call: CallSite) -> Callee | None:
        """What the call calls, worked out on first demand: a run that reports some files
        resolves the calls their analysis reaches, not every call of the project."""
        memo = self._callees[file_index]
        # a node can carry two calls: `with Db():` is Db() and Db.__enter__
        key = call.node if call.method is None else (call.node, call.method)
        try:
            return memo[key]
        except KeyError:
            pass
        if call.attribute and not call.args:  # a read of an attribute: a property's getter, or nothing
            read = self._property_reads(file_index).get((call.node, call.method))
            found = read[1] if read is not None else None
        else:
            found = self.callee(file_index, call)
        memo[key] = found
        return found

    # --------------------------------------------------------- blocking
    def iter_calls(self) -> Iterator[tuple[int, CallSite, Callee | None]]:
        """Every call of the project with what it calls (each one resolved: costly)."""
        for file_index, call in self.all_calls():
            yield file_index, call, self.resolved(file_index, call)

    def all_calls(self) -> Iterator[tuple[int, CallSite]]:
        """Every call of the project, unresolved."""
        for file_index in range(len(self.files)):
            for call in self.calls_of(file_index):
                yield file_index, call

    def reported_calls(self) -> Iterator[tuple[int, CallSite]]:
        """The calls of the reported files, unresolved."""
        for file_index in self.reported_files():
            for call in self.calls_of(file_index):
                yield file_index, call

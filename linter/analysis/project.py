"""The project-wide pass: every file's facts together, and names, types and calls
resolved across files.

The per-file pass cannot know that ``pkg.util.load`` is the function of ``pkg/util.py``
when the call is in ``pkg/app.py``; here the summaries meet. The analyses built on it
(``blocking``, ``contexts``, ``callgraph``...) ask it what a call calls.
"""

from __future__ import annotations

import os
from collections import deque
from dataclasses import replace
from functools import cached_property
from typing import Callable, Iterator, TypeVar

from .. import catalogue
from ..catalogue import BlockingAPI, Kind, concurrency, python
from ..settings import Settings
from .facts import MODULE_LEVEL, CallSite, ClassFacts, FileFacts, FunctionFacts
from .refs import Callee, FunctionRef

T = TypeVar("T")
_MAX_ALIAS_DEPTH = 8
_PROPERTIES = python.PROPERTIES
_CONTEXT_MANAGERS = python.CONTEXT_MANAGERS
# decorators that turn a sync function into an awaitable run in a worker thread
_OFFLOADING = concurrency.OFFLOADING_DECORATORS


def _matches(name: str, patterns: frozenset[str]) -> bool:
    """Exact qualified name, or a module/class prefix of it."""
    if name in patterns:
        return True
    parts = name.split(".")
    return any(".".join(parts[:i]) in patterns for i in range(1, len(parts)))


class Project:
    def __init__(self, files: list[FileFacts], settings: Settings | None = None):
        settings = settings or Settings()
        self.files = files
        self._safe = frozenset(settings.safe_calls)
        self._configured = frozenset(catalogue.canonical(n) for n in settings.blocking_calls)
        self.functions: dict[str, list[FunctionRef]] = {}
        self.classes: dict[str, tuple[int, ClassFacts]] = {}
        self.modules: dict[str, int] = {}
        self._analyses: dict[str, object] = {}
        for file_index, facts in enumerate(files):
            if facts.error:
                continue
            self.modules.setdefault(facts.module, file_index)
            for index, function in enumerate(facts.functions):
                if function.kind == "def":
                    self.functions.setdefault(function.qualname, []).append(FunctionRef(file_index, index))
            for cls in facts.classes:
                self.classes.setdefault(cls.qualname, (file_index, cls))

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
        for _ in range(_MAX_ALIAS_DEPTH):
            if name in self.functions or name in self.classes:
                return name
            module, _, attr = name.rpartition(".")
            file_index = self.modules.get(module)
            if file_index is None:
                # a method or attribute of a re-exported class: resolve the owner
                if module and "." in module:
                    owner = self.resolve(module)
                    if owner != module:
                        name = f"{owner}.{attr}"
                        continue
                return name
            target = self.files[file_index].exports.get(attr)
            if not target or target == name:
                return name
            name = target
        return name

    def resolve_type(self, type_name: str) -> str | None:
        """A type name with ``::attr`` steps (attribute types of project classes)
        resolved: ``pkg.db.Store::conn`` -> ``sqlite3.Connection``."""
        head, *attrs = type_name.split("::")
        current = self._returned_type(catalogue.canonical(self.resolve(head)))
        if current is None:
            return None
        for attr in attrs:
            current = self.attribute_type(current, attr)
            if current is None:
                return None
        return current

    def _returned_type(self, name: str, depth: int = 0) -> str | None:
        """A project function stands for what it returns (``conn = get_conn()``)."""
        refs = self.functions.get(name)
        if not refs:
            return name
        returned = self.function(refs[0]).returns
        if returned is None or depth > _MAX_ALIAS_DEPTH:
            return None
        return self._returned_type(catalogue.canonical(self.resolve(returned)), depth + 1)

    def attribute_type(self, cls: str, attr: str) -> str | None:
        for owner in self.mro(cls):
            _, facts = self.classes[owner]
            for name, attr_type in facts.attributes:
                if name == attr:
                    return self.resolve_type(attr_type)
        getter = self.method(cls, attr, -1)
        if getter is not None and set(self.function(getter).decorators) & _PROPERTIES:
            returned = self.function(getter).returns
            return self.resolve_type(returned) if returned else None
        known = catalogue.attribute(cls, attr)
        return self.resolve_type(known) if known else None

    def mro(self, cls: str) -> list[str]:
        """The project classes ``cls`` is or inherits from, nearest first."""
        order: list[str] = []
        queue = deque([cls])
        while queue:
            current = self.resolve(queue.popleft())
            if current in order or current not in self.classes:
                continue
            order.append(current)
            queue.extend(self.classes[current][1].bases)
        return order

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
        owners = self.mro(cls)
        external = [base for owner in owners for base in self.classes[owner][1].bases if base not in self.classes]
        for candidate in [cls, *external] if not owners else external:
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
    def variable_type(self, name: str) -> str | None:
        """The type of a module-level variable of the project: ``pkg.db.engine``."""
        module, _, variable = self.resolve(name).rpartition(".")
        file_index = self.modules.get(module)
        found = self.files[file_index].variables.get(variable) if file_index is not None else None
        return self.resolve_type(found) if found else None

    def callee(self, file_index: int, call: CallSite) -> Callee | None:
        if call.target and call.method:
            # `engine.connect()` with `engine` a variable imported from another module
            owner_type = self.variable_type(call.target.rpartition(".")[0])
            if owner_type is not None:
                call = replace(call, target=None, receiver=owner_type)
        if call.target:
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
            name = f"{owner}.{call.method}"
            function = self.method(owner, call.method, file_index)
            api = None if function else self.library_method(owner, call.method)
        else:
            return None
        if api is None and name in self._configured:
            api = BlockingAPI(name, Kind.CONFIGURED, "`await asyncio.to_thread(...)`, or an async equivalent")
        if self._safe and _matches(name, self._safe):
            return None
        if name in catalogue.NON_BLOCKING:
            return Callee(name)  # known by name, but its body is not followed
        return Callee(name, api, function)

    @cached_property
    def calls_by_function(self) -> dict[FunctionRef, list[CallSite]]:
        grouped: dict[FunctionRef, list[CallSite]] = {}
        for file_index, facts in enumerate(self.files):
            for call in facts.calls:
                if call.function != MODULE_LEVEL:
                    grouped.setdefault(FunctionRef(file_index, call.function), []).append(call)
        return grouped

    @cached_property
    def _resolved(self) -> dict[tuple[int, int], Callee | None]:
        resolved = {}
        for file_index, facts in enumerate(self.files):
            for call in facts.calls:
                # a node can carry two calls: `with Db():` is Db() and Db.__enter__
                resolved[(file_index, call.node, call.method)] = self.callee(file_index, call)
        return resolved

    def resolved(self, file_index: int, call: CallSite) -> Callee | None:
        return self._resolved.get((file_index, call.node, call.method))

    # --------------------------------------------------------- blocking
    def iter_calls(self) -> Iterator[tuple[int, CallSite, Callee | None]]:
        for file_index, facts in enumerate(self.files):
            for call in facts.calls:
                yield file_index, call, self.resolved(file_index, call)

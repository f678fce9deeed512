"""The per-file pass: one walk over a file's tree that resolves names and types
and records every call, function and class as ``FileFacts``.

Why a resolver of our own: libcst's generic ``QualifiedNameProvider`` resolves
about 830 lines/s, slower than parsing by an order of magnitude. Python's
scoping rules for the cases that matter here fit in ``scopes.py``; this walk
applies them as it goes, so the pass costs little more than the parse.

The fact recorders (``recorders.py``) and the per-file rules (``rules.base.FileRule``)
ride on the same walk: they are told about the node types they ask for, through one
table, and use this object as their context.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Sequence, TypeVar

import libcst as cst

from .. import catalogue
from ..catalogue import python
from .facts import MODULE_LEVEL, ArgRef, CallSite, ClassFacts, FileFacts, FunctionFacts, RawFinding
from .modules import is_package, resolve_relative
from .recorders import RECORDERS
from .scopes import BUILTINS, UNKNOWN, Binding, Scope, bound_names, import_binding_name, target_names
from .traversal import child_nodes, dotted, iter_nodes, walk

T = TypeVar("T")
_LITERALS = (cst.Integer, cst.Float, cst.SimpleString, cst.Imaginary)
_CONSTANT_NAMES = frozenset({"True", "False", "None"})
_PATH_TYPES = python.PATH_TYPES
_TYPE_CHECKING = python.TYPE_CHECKING
_STATIC_METHOD_DECORATORS = frozenset({python.STATICMETHOD})
_PARTIAL = python.PARTIAL
_CONTAINERS = (cst.List, cst.Tuple, cst.Set)
_SEQUENCES = python.SEQUENCES
_FILE_TYPES = python.FILE_TYPES
_OPTIONAL_WRAPPERS = python.OPTIONAL_WRAPPERS


class FilePass:
    """Walks one module. Rules read it through the public methods below."""

    def __init__(self, module: cst.Module, path: str, module_name: str, file_rules: Sequence = ()):
        self.module = module
        self.path = path
        self.module_name = module_name
        self.is_package = is_package(Path(path))
        self.facts = FileFacts(path=path, module=module_name)
        self.scopes: list[Scope] = []
        self.index_of: dict[int, int] = {}
        self._awaited: set[int] = set()
        self._statements: set[int] = set()  # values of expression statements
        self._iterated_files: set[int] = set()  # iterables of `for` loops that read a file
        self._iterated_calls: set[int] = set()  # iterables of `for` loops and comprehensions
        self._generators: set[int] = set()  # function indices whose body yields
        self._entered: set[int] = set()  # context managers of sync `with` statements
        # calls in decorators and parameter defaults: made where the def runs, not by the function
        self._outer_calls: dict[int, int] = {}
        self._skipped_calls: set[int] = set()  # under `if TYPE_CHECKING:`
        self._guarded_calls: set[int] = set()  # under `if __name__ == "__main__":`
        self._function_of_node: dict[int, int] = {}
        self._class_attrs: dict[str, dict[str, str]] = {}
        self._returns: dict[int, str] = {}  # function index -> the type it returns
        # the recorders and the file rules, by the node types they visit
        self._rules_by_type: dict[type, list] = {}
        for visitor in (*RECORDERS, *file_rules):
            for node_type in visitor.node_types:
                self._rules_by_type.setdefault(node_type, []).append(visitor)
        self._file_rules = [*RECORDERS, *file_rules]
        self._state: dict[str, object] = {}

    # ------------------------------------------------------------------ run
    def run(self) -> FileFacts:
        module_scope = Scope("module", self.module_name, MODULE_LEVEL)
        self.scopes.append(module_scope)
        self._prescan_module(self.module)
        leave_types = frozenset({cst.FunctionDef, cst.ClassDef, cst.Lambda, cst.Call})
        walk(self.module, self._enter, self._leave, leave_types)
        for rule in self._file_rules:
            rule.leave_file(self)
        self.facts.classes = [
            ClassFacts(c.qualname, c.node, c.bases, tuple(sorted(self._class_attrs.get(c.qualname, {}).items())))
            for c in self.facts.classes
        ]
        self.facts.variables = {name: b.type for name, b in self.scopes[0].names.items() if b.type}
        for index, returned in self._returns.items():
            self.facts.functions[index] = replace(self.facts.functions[index], returns=returned)
        for index in self._generators:
            self.facts.functions[index] = replace(self.facts.functions[index], generator=True)
        return self.facts

    # ------------------------------------------------------- public for rules
    @property
    def scope(self) -> Scope:
        return self.scopes[-1]

    @property
    def function(self) -> FunctionFacts | None:
        """The innermost function (or lambda, or class body) being walked."""
        index = self.scope.function
        return self.facts.functions[index] if index != MODULE_LEVEL else None

    def in_coroutine(self) -> bool:
        function = self.function
        return function is not None and function.kind == "def" and function.is_async

    def node_index(self, node: cst.CSTNode) -> int:
        """The index of a node already entered by the walk."""
        return self.index_of[id(node)]

    def report(self, code: str, node: cst.CSTNode | int, message: str,
               fix: tuple[str, tuple[tuple[int, str], ...]] | None = None) -> None:
        index = node if isinstance(node, int) else self.node_index(node)
        self.facts.findings.append(RawFinding(code, index, message, (), fix))

    def state(self, key: str, make: Callable[[], T]) -> T:
        """A recorder's or file rule's working state for this walk: they are shared
        singletons, and two files may be linted at once (an editor calling
        ``lint_source`` from several threads)."""
        if key not in self._state:
            self._state[key] = make()
        return self._state[key]  # type: ignore[return-value]

    def lookup(self, name: str) -> Binding | None:
        """The binding a name has here, following Python's scoping rules."""
        innermost = self.scopes[-1]
        for scope in reversed(self.scopes):
            if scope.kind == "class" and scope is not innermost:
                continue
            if scope.kind != "module" and name in scope.global_names:
                return self.scopes[0].names.get(name)
            binding = scope.names.get(name)
            if binding is not None:
                return binding
            if name in scope.local_names:
                return UNKNOWN
        return None

    def qualify(self, node: cst.BaseExpression) -> str | None:
        """The qualified name an expression refers to: ``t.sleep`` -> ``time.sleep``."""
        if isinstance(node, cst.Name):
            binding = self.lookup(node.value)
            if binding is None:
                return f"builtins.{node.value}" if node.value in BUILTINS else None
            return binding.ref
        if isinstance(node, cst.Attribute):
            base = self.qualify(node.value)
            return f"{base}.{node.attr.value}" if base else None
        return None

    def type_of(self, node: cst.BaseExpression) -> str | None:
        """The type of the value an expression evaluates to, where it can be known."""
        t = type(node)
        if t is cst.Name:
            binding = self.lookup(node.value)
            return binding.type if binding is not None else None
        if t is cst.Attribute:
            owner = self.type_of(node.value)
            if owner is None:
                return None
            known = self._class_attrs.get(owner, {}).get(node.attr.value) or catalogue.attribute(
                owner, node.attr.value)
            if known:
                return known
            if owner.startswith(self.module_name + ".") and owner in self._class_attrs:
                return None
            return f"{owner}::{node.attr.value}"
        if t is cst.Call:
            target, receiver, method = self.callee(node)
            if target:
                if target in _PARTIAL:
                    return None
                if target == python.SUPER:
                    return self._super_type()
                return catalogue.returns(target) or catalogue.canonical(target)
            if receiver and "::" not in receiver:
                return catalogue.returns(f"{catalogue.canonical(receiver)}.{method}")
            return None
        if t is cst.BinaryOperation and isinstance(node.operator, cst.Divide):
            left = self.type_of(node.left)
            return left if left in _PATH_TYPES else None
        if t in _CONTAINERS:
            elements = node.elements
            first = elements[0].value if elements and not isinstance(elements[0], cst.StarredElement) else None
            element_type = self.type_of(first) if first is not None else None
            return f"list[{element_type}]" if element_type else None
        if t in (cst.ListComp, cst.SetComp, cst.GeneratorExp):
            element_type = self.type_of(node.elt)
            return f"list[{element_type}]" if element_type else None
        if t is cst.Subscript:
            return element_of(self.type_of(node.value))
        return None

    def _super_type(self) -> str | None:
        """``super()`` in a method: the class's first base, where methods are looked up."""
        function = self.function
        if function is None or function.cls is None:
            return None
        cls = next((c for c in self.facts.classes if c.qualname == function.cls), None)
        return cls.bases[0] if cls is not None and cls.bases and cls.bases[0] else None

    def callee(self, call: cst.Call) -> tuple[str | None, str | None, str | None]:
        """``(target, receiver type, method)`` of a call; see ``CallSite``."""
        func = call.func
        if isinstance(func, cst.Attribute):
            # the method name is kept even when the receiver is unknown: some rules
            # match on it (`loop.call_soon` with `loop` untyped)
            method = func.attr.value
            receiver = self.type_of(func.value)
            if receiver:
                return None, receiver, method
            base = self.qualify(func.value)
            return (f"{base}.{method}" if base else None), None, method
        if isinstance(func, cst.Name):
            binding = self.lookup(func.value)
            if binding is not None and binding.ref is None and binding.type:
                # `SessionLocal = sessionmaker(...)`; `SessionLocal()` calls the instance
                return None, binding.type, "__call__"
            return self.qualify(func), None, None
        return None, None, None

    def annotation_type(self, annotation: cst.BaseExpression | None) -> str | None:
        """``sqlite3.Connection``, ``Optional[X]``, ``X | None``, ``"X"`` -> a type name."""
        if isinstance(annotation, cst.Annotation):
            annotation = annotation.annotation
        if annotation is None:
            return None
        if isinstance(annotation, cst.SimpleString):
            text = annotation.evaluated_value
            if isinstance(text, str) and len(text) < 200:
                try:
                    return self.annotation_type(cst.parse_expression(text))
                except Exception:  # not an expression: no type
                    return None
            return None
        if isinstance(annotation, cst.BinaryOperation) and isinstance(annotation.operator, cst.BitOr):
            for side in (annotation.left, annotation.right):
                if not (isinstance(side, cst.Name) and side.value == "None"):
                    return self.annotation_type(side)
            return None
        if isinstance(annotation, cst.Subscript):
            outer = self.qualify(annotation.value)
            if outer in _OPTIONAL_WRAPPERS or outer == python.UNION:
                first = annotation.slice[0].slice if annotation.slice else None
                return self.annotation_type(first.value) if isinstance(first, cst.Index) else None
            if outer in _SEQUENCES and annotation.slice:
                first = annotation.slice[0].slice
                inner = self.annotation_type(first.value) if isinstance(first, cst.Index) else None
                return f"list[{inner}]" if inner else None
            return catalogue.canonical(outer) if outer else None  # a generic: Queue[int]
        name = self.qualify(annotation)
        return catalogue.canonical(name) if name else None

    def arg_ref(self, value: cst.BaseExpression) -> ArgRef:
        t = type(value)
        if t is cst.Lambda:
            index = self._function_of_node.get(id(value))
            qualname = self.facts.functions[index].qualname if index is not None else "<lambda>"
            return ArgRef("lambda", qualname)
        if t is cst.Call:
            target, receiver, method = self.callee(value)
            if target in _PARTIAL and value.args:
                return ArgRef("partial", target, inner=self.arg_ref(value.args[0].value))
            name = target or (f"{receiver}.{method}" if receiver else "")
            return ArgRef("call", name, self.type_of(value))
        if isinstance(value, _LITERALS) or (t is cst.Name and value.value in _CONSTANT_NAMES):
            return ArgRef("literal", getattr(value, "value", ""))
        if t in (cst.Name, cst.Attribute):
            qualname = self.qualify(value)
            if qualname:
                return ArgRef("ref", qualname, self.type_of(value))
            if t is cst.Attribute:
                owner = self.type_of(value.value)
                if owner:  # a bound method: `self.flush`
                    return ArgRef("method", f"{owner}.{value.attr.value}")
        if t is cst.UnaryOperation and isinstance(value.expression, (cst.Integer, cst.Float)):
            return ArgRef("literal", "-" + value.expression.value)
        return ArgRef("other", "", self.type_of(value))

    # ------------------------------------------------------------- prescan
    def _prescan_module(self, module: cst.Module) -> None:
        """Bind module-level names before walking, since functions see the module as
        it is after import: a function may use a name imported below it."""
        scope = self.scopes[0]
        assignments: list[tuple[cst.CSTNode, bool]] = []
        stack: list[tuple[cst.CSTNode, bool]] = [(s, False) for s in reversed(module.body)]
        while stack:
            node, fallback = stack.pop()
            t = type(node)
            if t is cst.SimpleStatementLine:
                for small in node.body:
                    if isinstance(small, (cst.Import, cst.ImportFrom)):
                        self._bind_import(small, scope, fallback)
                    elif isinstance(small, (cst.Assign, cst.AnnAssign)):
                        assignments.append((small, fallback))
            elif t in (cst.FunctionDef, cst.ClassDef):
                scope.names[node.name.value] = Binding(f"{self.module_name}.{node.name.value}")
            elif t in (cst.If, cst.Try, cst.With, cst.For, cst.While, cst.Else, cst.Finally,
                       cst.IndentedBlock, cst.ExceptHandler, cst.TryStar, cst.ExceptStarHandler):
                is_handler = t in (cst.ExceptHandler, cst.ExceptStarHandler)
                stack.extend((c, fallback or is_handler) for c in reversed(child_nodes(node))
                             if isinstance(c, (cst.BaseStatement, cst.BaseSuite, cst.ExceptHandler,
                                               cst.ExceptStarHandler, cst.Else, cst.Finally, cst.If)))
        for node, fallback in assignments:
            self._bind_assignment(node, scope, fallback)

    def _bind_import(self, node: cst.Import | cst.ImportFrom, scope: Scope, fallback: bool = False) -> None:
        """``fallback``: an import in an except handler does not replace the one
        tried first (``try: import ujson as json / except ImportError: import json``)."""
        if isinstance(node, cst.Import):
            for alias in node.names:
                full = dotted(alias.name)
                local = import_binding_name(alias)
                if not full or not local:
                    continue
                ref = full if alias.asname is not None else local
                self._bind(scope, local, Binding(ref), fallback)
                if scope.kind == "module":
                    self.facts.exports[local] = ref
            return
        if isinstance(node.names, cst.ImportStar):
            return
        source = dotted(node.module) if node.module is not None else None
        if node.relative:
            source = resolve_relative(self.module_name, self.is_package, len(node.relative), source)
        if not source:
            return
        for alias in node.names:
            name = dotted(alias.name)
            local = import_binding_name(alias)
            if not name or not local:
                continue
            self._bind(scope, local, Binding(f"{source}.{name}"), fallback)
            if scope.kind == "module":
                self.facts.exports[local] = f"{source}.{name}"

    @staticmethod
    def _bind(scope: Scope, name: str, binding: Binding, fallback: bool = False) -> None:
        if fallback and name in scope.names:
            return
        scope.names[name] = binding

    def _bind_assignment(self, node: cst.CSTNode, scope: Scope, fallback: bool = False) -> None:
        """``fallback`` as for imports: ``except ImportError: sleep = None`` keeps the import.
        A value's own type wins over an annotation, which names a base or a factory
        (``q: mp.Queue = mp.Queue()``)."""
        if isinstance(node, cst.Assign):
            targets = [t.target for t in node.targets]
            value = node.value
            declared = None
        elif isinstance(node, cst.AnnAssign):
            targets = [node.target]
            value = node.value
            declared = self.annotation_type(node.annotation)
        else:
            return
        value_type = (self.type_of(value) if value is not None else None) or declared
        ref = self.qualify(value) if isinstance(value, (cst.Name, cst.Attribute)) else None
        for target in targets:
            if isinstance(target, cst.Name) and fallback and target.value in scope.names:
                continue
            if isinstance(target, cst.Name):
                if ref and value_type is None:
                    scope.names[target.value] = self.lookup_ref(value) or Binding(ref)
                else:
                    scope.names[target.value] = Binding(None, value_type)
            elif isinstance(target, (cst.Tuple, cst.List)):
                element_type = element_of(value_type)
                for name in target_names(target):
                    scope.names[name] = Binding(None, element_type)
            elif isinstance(target, cst.Attribute) and scope.cls and value_type:
                if isinstance(target.value, cst.Name) and target.value.value == self._self_name():
                    self._class_attrs.setdefault(scope.cls, {})[target.attr.value] = value_type

    def lookup_ref(self, value: cst.BaseExpression) -> Binding | None:
        """``x = other_name``: x gets other_name's binding (an alias keeps its type)."""
        if isinstance(value, cst.Name):
            return self.lookup(value.value)
        return None

    def _self_name(self) -> str | None:
        function = self.function
        if function is None or function.kind != "def" or not function.params or function.cls is None:
            return None
        return function.params[0]

    # --------------------------------------------------------------- walk
    def _enter(self, node: cst.CSTNode, index: int) -> None:
        self.index_of[id(node)] = index
        if self._iterated_files and id(node) in self._iterated_files:
            self._record_iteration(node, index)
        if self._entered and id(node) in self._entered:
            self._record_enter(node, index)
        t = type(node)
        if t is cst.FunctionDef:
            self._enter_function(node, index)
        elif t is cst.Lambda:
            self._enter_lambda(node, index)
        elif t is cst.ClassDef:
            self._enter_class(node, index)
        elif t is cst.Await:
            self._awaited.add(id(node.expression))
        elif t is cst.Expr:
            self._statements.add(id(node.value))
        elif t is cst.If:
            self._enter_if(node)
        elif t in (cst.Assign, cst.AnnAssign) and self.scope.kind != "module":
            self._bind_assignment(node, self.scope)
        elif t is cst.AugAssign and self.scope.kind != "module":
            for name in target_names(node.target):
                self.scope.names[name] = UNKNOWN
        elif t is cst.WithItem and node.asname is not None:
            item_type = self.type_of(node.item)
            for name in target_names(node.asname.name):
                self._bind_local(name, Binding(None, item_type))
        elif t is cst.For or t is cst.CompFor:
            self._iterated_calls.add(id(node.iter))
            iterated = self.type_of(node.iter)
            if iterated in _FILE_TYPES or self.qualify(node.iter) == python.STDIN:
                self._iterated_files.add(id(node.iter))
            element_type = element_of(iterated)
            for name in target_names(node.target):
                self._bind_local(name, Binding(None, element_type))
        elif t is cst.Return and self.scope.kind == "function" and node.value is not None:
            function = self.scope.function
            if function not in self._returns:
                returned = self.type_of(node.value)
                if returned:
                    self._returns[function] = returned
        elif t in (cst.Import, cst.ImportFrom) and self.scope.kind != "module":
            self._bind_import(node, self.scope)
        elif t is cst.With and node.asynchronous is None:
            self._entered.update(id(item.item) for item in node.items)
        elif t in (cst.Yield,) and self.scope.kind == "function":
            self._generators.add(self.scope.function)
        elif t is cst.MatchAs and node.name is not None:
            self._bind_local(node.name.value, UNKNOWN)
        elif t is cst.MatchStar and node.name is not None:
            self._bind_local(node.name.value, UNKNOWN)
        elif t is cst.NamedExpr and self.scope.kind != "module":
            for name in target_names(node.target):
                self.scope.names[name] = Binding(None, self.type_of(node.value))
        rules = self._rules_by_type.get(t)
        if rules:
            for rule in rules:
                rule.visit(self, node)

    def _bind_local(self, name: str, binding: Binding) -> None:
        """A with/for target. At module level the prescan's bindings stand (functions
        see the module as imported); these targets only fill names it left unbound."""
        self._bind(self.scope, name, binding, fallback=self.scope.kind == "module")

    def _leave(self, node: cst.CSTNode) -> None:
        t = type(node)
        if t is cst.Call:
            self._record_call(node)
        else:
            self.scopes.pop()
        for rule in self._rules_by_type.get(t, ()):
            leave = getattr(rule, "leave", None)
            if leave is not None:
                leave(self, node)

    def _enter_if(self, node: cst.If) -> None:
        test = node.test
        name = self.qualify(test) if isinstance(test, (cst.Name, cst.Attribute)) else None
        if name in _TYPE_CHECKING or (isinstance(test, cst.Name) and test.value == "TYPE_CHECKING"):
            self._skipped_calls.update(id(n) for _, n in iter_nodes(node.body) if type(n) is cst.Call)
        elif self.scope.kind == "module" and _is_main_test(test):
            self._guarded_calls.update(id(n) for _, n in iter_nodes(node.body) if type(n) is cst.Call)

    def _new_function(self, facts: FunctionFacts, node: cst.CSTNode) -> int:
        self.facts.functions.append(facts)
        index = len(self.facts.functions) - 1
        self._function_of_node[id(node)] = index
        return index

    def _enter_function(self, node: cst.FunctionDef, index: int) -> None:
        outer = self.scope
        evaluated_outside = [d.decorator for d in node.decorators]
        evaluated_outside += [p.default for p in (*node.params.posonly_params, *node.params.params,
                                                  *node.params.kwonly_params) if p.default is not None]
        for expression in evaluated_outside:
            for _, inner in iter_nodes(expression):
                if type(inner) is cst.Call:
                    self._outer_calls[id(inner)] = outer.function
        name = node.name.value
        qualname = f"{outer.prefix}.{name}"
        decorators = tuple(self.qualify(d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator) or ""
                           for d in node.decorators)
        params = node.params
        all_params = [*params.posonly_params, *params.params]
        if isinstance(params.star_arg, cst.Param):
            all_params.append(params.star_arg)
        all_params.extend(params.kwonly_params)
        if params.star_kwarg is not None:
            all_params.append(params.star_kwarg)
        param_names = tuple(p.name.value for p in all_params)
        cls = outer.cls if outer.kind == "class" else None
        facts = FunctionFacts(qualname, name, index, node.asynchronous is not None, "def",
                              outer.function, cls, decorators, param_names)
        function_index = self._new_function(facts, node)
        declared = self.annotation_type(node.returns.annotation) if node.returns else None
        if declared and not facts.is_async:
            self._returns[function_index] = declared
        if outer.kind != "module":
            self._bind(outer, name, Binding(qualname))
        bound, declared = bound_names(node.body)
        scope = Scope("function", f"{qualname}.<locals>", function_index,
                      local_names=frozenset(bound | set(param_names)), global_names=frozenset(declared),
                      cls=cls)
        for position, param in enumerate(all_params):
            param_type = self.annotation_type(param.annotation.annotation if param.annotation else None)
            if position == 0 and cls and param_type is None and not set(decorators) & _STATIC_METHOD_DECORATORS:
                param_type = cls  # self, or cls in a classmethod: calls on it are the class's methods
            scope.names[param.name.value] = Binding(None, param_type)
        self.scopes.append(scope)

    def _enter_lambda(self, node: cst.Lambda, index: int) -> None:
        outer = self.scope
        qualname = f"{outer.prefix}.<lambda>"
        facts = FunctionFacts(qualname, "<lambda>", index, False, "lambda", outer.function, None)
        function_index = self._new_function(facts, node)
        names = [p.name.value for p in (*node.params.posonly_params, *node.params.params, *node.params.kwonly_params)]
        scope = Scope("function", f"{qualname}.<locals>", function_index, local_names=frozenset(names), cls=None)
        for name in names:
            scope.names[name] = UNKNOWN
        self.scopes.append(scope)

    def _enter_class(self, node: cst.ClassDef, index: int) -> None:
        outer = self.scope
        qualname = f"{outer.prefix}.{node.name.value}"
        if outer.kind != "module":
            self._bind(outer, node.name.value, Binding(qualname))
        bases = tuple(catalogue.canonical(self.qualify(b.value) or "") for b in node.bases if b.keyword is None)
        self.facts.classes.append(ClassFacts(qualname, index, bases))
        facts = FunctionFacts(qualname, node.name.value, index, False, "class", outer.function, None)
        function_index = self._new_function(facts, node)
        self._prescan_class(node, qualname)
        self.scopes.append(Scope("class", qualname, function_index, cls=qualname))

    def _prescan_class(self, node: cst.ClassDef, qualname: str) -> None:
        """Attribute types from the class body and from ``self.x = ...`` in any method,
        so a method defined before ``__init__`` still knows ``self.session``."""
        attrs = self._class_attrs.setdefault(qualname, {})
        for statement in node.body.body:
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                        declared = self.annotation_type(small.annotation)
                        value_type = (self.type_of(small.value) if small.value else None) or declared
                        if value_type:
                            attrs[small.target.value] = value_type
                    elif isinstance(small, cst.Assign) and small.value is not None:
                        value_type = self.type_of(small.value)
                        if value_type:
                            for target in small.targets:
                                if isinstance(target.target, cst.Name):
                                    attrs[target.target.value] = value_type
            elif isinstance(statement, cst.FunctionDef):
                self._prescan_method(statement, qualname, attrs)

    def _prescan_method(self, method: cst.FunctionDef, cls: str, attrs: dict[str, str]) -> None:
        params = [*method.params.posonly_params, *method.params.params]
        if not params:
            return
        self_name = params[0].name.value
        scope = Scope("function", "", MODULE_LEVEL, local_names=frozenset(p.name.value for p in params), cls=None)
        for param in params[1:]:
            scope.names[param.name.value] = Binding(
                None, self.annotation_type(param.annotation.annotation if param.annotation else None))
        self.scopes.append(scope)
        try:
            for _, node in iter_nodes(method.body):
                if type(node) is cst.Assign:
                    targets = [t.target for t in node.targets]
                    value, declared = node.value, None
                elif type(node) is cst.AnnAssign:
                    targets, value, declared = [node.target], node.value, self.annotation_type(node.annotation)
                else:
                    continue
                value_type = (self.type_of(value) if value is not None else None) or declared
                if not value_type:
                    continue
                for target in targets:
                    # `self.parent, child = mp.Pipe()`: each element of the tuple
                    pairs = ([(e.value, element_of(value_type)) for e in target.elements]
                             if isinstance(target, (cst.Tuple, cst.List)) else [(target, value_type)])
                    for element, element_type in pairs:
                        if (element_type and isinstance(element, cst.Attribute)
                                and isinstance(element.value, cst.Name) and element.value.value == self_name
                                and element.attr.value not in attrs):
                            attrs[element.attr.value] = element_type
        finally:
            self.scopes.pop()

    def _record_iteration(self, node: cst.BaseExpression, index: int) -> None:
        """`for line in f:` reads the file line by line: a `readline()` each step."""
        text = dotted(node) or "(...)"
        if self.qualify(node) == python.STDIN:
            call = CallSite(self.scope.function, index, f"{text}.readline", target=f"{python.STDIN}.readline")
        else:
            call = CallSite(self.scope.function, index, f"{text}.readline", receiver=self.type_of(node),
                            method="readline")
        self.facts.calls.append(call)

    def _record_enter(self, node: cst.BaseExpression, index: int) -> None:
        """`with Db() as conn:` calls `Db.__enter__`: a method of the project that may block."""
        owner = self.type_of(node)
        if owner is not None and "." in owner:
            text = f"{owner.rsplit('.', 1)[-1]}.__enter__"
            self.facts.calls.append(CallSite(self.scope.function, index, text, receiver=owner, method="__enter__"))

    def _record_call(self, node: cst.Call) -> None:
        key = id(node)
        if key in self._skipped_calls:
            return
        target, receiver, method = self.callee(node)
        args: list[ArgRef] = []
        kwargs: list[tuple[str, ArgRef]] = []
        positional_known = True
        for arg in node.args:
            if arg.keyword is not None:
                kwargs.append((arg.keyword.value, self.arg_ref(arg.value)))
            elif arg.star:
                positional_known = False
            elif positional_known:
                args.append(self.arg_ref(arg.value))
        self.facts.calls.append(CallSite(
            function=self._outer_calls.get(key, self.scope.function),
            node=self.index_of[key],
            text=_callee_text(node.func),
            target=catalogue.canonical(target) if target else None,
            receiver=catalogue.canonical(receiver) if receiver else None,
            method=method,
            args=tuple(args),
            kwargs=tuple(kwargs),
            awaited=key in self._awaited,
            main_guarded=key in self._guarded_calls,
            statement=key in self._statements,
            iterated=key in self._iterated_calls,
        ))


def element_of(container: str | None) -> str | None:
    """``list[T]`` / ``tuple[T]`` -> ``T``."""
    if container and container.endswith("]"):
        for prefix in ("list[", "tuple["):
            if container.startswith(prefix):
                return container[len(prefix):-1]
    return None


def _callee_text(func: cst.BaseExpression) -> str:
    text = dotted(func)
    if text:
        return text
    if isinstance(func, cst.Attribute):
        return f"(...).{func.attr.value}"
    return "(...)"


def _is_main_test(test: cst.BaseExpression) -> bool:
    """``__name__ == "__main__"``, either way round, alone or as a term of ``and``."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        return _is_main_test(test.left) or _is_main_test(test.right)
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return False
    comparison = test.comparisons[0]
    if not isinstance(comparison.operator, cst.Equal):
        return False
    sides = [test.left, comparison.comparator]
    names = [s for s in sides if isinstance(s, cst.Name) and s.value == "__name__"]
    strings = [s for s in sides if isinstance(s, cst.SimpleString) and s.evaluated_value == "__main__"]
    return len(names) == 1 and len(strings) == 1


def analyse(module: cst.Module, path: str, module_name: str, file_rules: Iterable = ()) -> FileFacts:
    return FilePass(module, path, module_name, tuple(file_rules)).run()

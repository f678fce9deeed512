"""Names and types in one module, as Python's scoping rules resolve them.

Why a resolver of our own: libcst's generic ``QualifiedNameProvider`` resolves about 830
lines/s, slower than parsing by an order of magnitude. The cases that matter here fit in
``scopes.py``; the file pass (``FilePass``, a ``Resolver``) binds names as its walk meets
them, and the fact recorders and file rules ask it what a name or an expression is.
"""

from __future__ import annotations

import libcst as cst

from .. import catalogue
from ..catalogue import python
from .facts import MODULE_LEVEL, ArgRef, FileFacts, FunctionFacts
from .modules import resolve_relative
from .scopes import BUILTINS, UNKNOWN, Binding, Scope, import_binding_name, target_names
from .traversal import child_nodes, dotted
from .type_names import SUBSCRIPT, element_of, element_type, item_of, mapping, partial, step

_LITERALS = (cst.Integer, cst.Float, cst.SimpleString, cst.Imaginary)
_CONSTANT_NAMES = frozenset({"True", "False", "None"})
_TYPE_CHECKING = python.TYPE_CHECKING
_SEQUENCES = python.SEQUENCES
_OPTIONAL_WRAPPERS = python.OPTIONAL_WRAPPERS
_CONTAINERS = (cst.List, cst.Tuple, cst.Set)
_PARTIAL = python.PARTIAL
_PATH_TYPES = python.PATH_TYPES
_MAPPINGS = python.MAPPINGS
_IDENTITY = python.RETURNS_ARGUMENT


class Resolver:
    """Scopes, bindings and types of one module; ``facts`` holds the functions and
    classes found so far (a method's ``self`` is typed from its class)."""

    module_name: str
    is_package: bool
    facts: FileFacts
    scopes: list[Scope]
    _class_attrs: dict[str, dict[str, str]]

    @property
    def scope(self) -> Scope:
        return self.scopes[-1]

    @property
    def function(self) -> FunctionFacts | None:
        """The innermost function (or lambda, or class body) being walked."""
        index = self.scope.function
        return self.facts.functions[index] if index != MODULE_LEVEL else None

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
                if node.value in BUILTINS:
                    return f"builtins.{node.value}"
                return f"{self.module_name}.{node.value}" if self.facts.star_imports else None
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
            return step(owner, node.attr.value)
        if t is cst.Call:
            target, receiver, method = self.callee(node)
            if target:
                if target in _PARTIAL:
                    return self._partial_type(node)
                if target in _IDENTITY and node.args:  # `closing(conn)` is `conn`
                    return self.type_of(node.args[0].value)
                if target == python.SUPER:
                    return self._super_type()
                return self._made_by(node, target) or catalogue.returns(target) or catalogue.canonical(target)
            if receiver:
                # what the project pass resolves: a project method's result, or a step
                # after a value whose type only it knows
                name = f"{catalogue.canonical(receiver)}.{method}"
                return self._made_by(node, name) or catalogue.returns(name) or step(receiver, f"{method}()")
            return None
        if t is cst.Await:  # `await Order.objects.aget()`: what the coroutine returns
            return self.type_of(node.expression)
        if t is cst.BooleanOperation:  # `session or requests.Session()`: either side's type
            first, second = ((node.left, node.right) if isinstance(node.operator, cst.Or)
                             else (node.right, node.left))
            return self.type_of(first) or self.type_of(second)
        if t is cst.IfExp:
            return self.type_of(node.body) or self.type_of(node.orelse)
        if t is cst.BinaryOperation and isinstance(node.operator, cst.Divide):
            left = self.type_of(node.left)
            return left if left in _PATH_TYPES else None
        if t in _CONTAINERS:
            elements = node.elements
            first = elements[0].value if elements and not isinstance(elements[0], cst.StarredElement) else None
            first_type = self.type_of(first) if first is not None else None
            return f"list[{first_type}]" if first_type else None
        if t in (cst.ListComp, cst.SetComp, cst.GeneratorExp):
            elt_type = self.type_of(node.elt)
            return f"list[{elt_type}]" if elt_type else None
        if t is cst.Subscript:
            container = self.type_of(node.value)
            if container is None:
                return None
            # `client["db"]["orders"]`: what the type's `__getitem__` returns
            return (item_of(container) or catalogue.returns(f"{catalogue.canonical(container)}.__getitem__")
                    or step(container, SUBSCRIPT))
        if t in (cst.Dict, cst.DictComp):  # what an isinstance() test on it decides (branches.py)
            return python.DICT
        return None

    def _partial_type(self, call: cst.Call) -> str | None:
        """``functools.partial(self.s.get, timeout=5)``: a partial of ``requests.Session.get``,
        which calling it calls (``Project.callee``)."""
        if not call.args or call.args[0].keyword is not None or call.args[0].star:
            return None
        func = call.args[0].value
        if isinstance(func, cst.Attribute):
            owner = self.type_of(func.value)
            if owner:
                return partial(f"{catalogue.canonical(owner)}.{func.attr.value}")
        name = self.qualify(func) if isinstance(func, (cst.Name, cst.Attribute)) else None
        return partial(catalogue.canonical(name)) if name else None

    @staticmethod
    def _made_by(call: cst.Call, target: str) -> str | None:
        """The type a construction makes given its arguments (``queue.Queue()`` without a
        ``maxsize`` is an unbounded queue), where the catalogue says they decide it."""
        for when in catalogue.RETURNS_WHEN.get(catalogue.canonical(target), ()):
            keyword = next((a.value for a in call.args if a.keyword is not None and a.keyword.value == when.keyword), None)
            positional = [a.value for a in call.args if a.keyword is None and not a.star]
            given = keyword if keyword is not None else (
                positional[when.position] if when.position is not None and len(positional) > when.position else None)
            if any(a.star for a in call.args) and given is None:
                continue  # `Queue(*args)`: not known
            if given is None or (isinstance(given, (cst.Integer, cst.UnaryOperation))
                                 and cst.Module([]).code_for_node(given) in when.values):
                return when.type
        return None

    def _super_type(self) -> str | None:
        """``super()`` in a method: the class's first base, where methods are looked up."""
        function = self.function
        if function is None or function.cls is None:
            return None
        cls = next((c for c in self.facts.classes if c.qualname == function.cls), None)
        if cls is not None and not cls.bases:
            return python.OBJECT  # a mixin: the project pass looks along its subclasses' MRO
        return cls.bases[0] if cls is not None and cls.bases[0] else None

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
            if outer in _MAPPINGS and len(annotation.slice) == 2:  # dict[str, Future]: its values
                second = annotation.slice[1].slice
                inner = self.annotation_type(second.value) if isinstance(second, cst.Index) else None
                return mapping(inner) if inner else None
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
            else:  # a local name or parameter: a condition on it moves to the caller (reach.py)
                return ArgRef("local", value.value, self.type_of(value))
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
        source = dotted(node.module) if node.module is not None else None
        if node.relative:
            source = resolve_relative(self.module_name, self.is_package, len(node.relative), source)
        if not source:
            return
        if isinstance(node.names, cst.ImportStar):
            # its names are known across files only: they qualify as this module's (`qualify`)
            # and the project pass follows them to the source (`Project.resolve`)
            if scope.kind == "module":
                self.facts.star_imports.append(source)
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
        if scope.kind == "module" and any(isinstance(t, cst.Name) and t.value == "__all__" for t in targets):
            self.facts.public = _string_list(value)
        alias = self._type_alias(value, declared)
        if alias is not None:
            for name in target_names(targets[0]) if len(targets) == 1 else ():
                scope.names[name] = Binding(alias)
                if scope.kind == "module":
                    self.facts.exports[name] = alias
            return
        value_type = declared_or(declared, self.type_of(value) if value is not None else None)
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
                element = element_type(value_type)
                for name in target_names(target):
                    scope.names[name] = Binding(None, element)
            elif isinstance(target, cst.Attribute) and scope.cls and value_type:
                if isinstance(target.value, cst.Name) and target.value.value == self._self_name():
                    self._class_attrs.setdefault(scope.cls, {})[target.attr.value] = value_type

    def _type_alias(self, value: cst.BaseExpression | None, declared: str | None) -> str | None:
        """The type a type alias names: ``Db = Optional[sqlite3.Connection]``,
        ``Db = sqlite3.Connection | None``, ``Db: TypeAlias = ...`` (PEP 613). Then ``Db`` stands
        for that type in annotations, as an imported class name does."""
        if value is None:
            return None
        if declared in python.TYPE_ALIAS:
            return self.annotation_type(value)
        if isinstance(value, cst.Subscript) and self.qualify(value.value) in (*_OPTIONAL_WRAPPERS, python.UNION):
            return self.annotation_type(value)
        if (isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.BitOr)
                and any(isinstance(side, cst.Name) and side.value == "None" for side in (value.left, value.right))):
            return self.annotation_type(value)
        return None

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



_BARE_CONTAINERS = frozenset({python.DICT, python.LIST, python.SET, python.TUPLE})


def declared_or(declared: str | None, value_type: str | None) -> str | None:
    """A value's own type wins over an annotation, which names a base or a factory
    (``q: mp.Queue = mp.Queue()``); but a bare container says less than its annotation
    (``jobs: dict[str, Future] = {}``)."""
    if value_type is None or (declared and value_type in _BARE_CONTAINERS):
        return declared
    return value_type


def _string_list(value: cst.BaseExpression | None) -> tuple[str, ...] | None:
    """The names of ``__all__ = ["a", "b"]``; None where they are not all literal."""
    if not isinstance(value, (cst.List, cst.Tuple)):
        return None
    names = [e.value.evaluated_value for e in value.elements if isinstance(e.value, cst.SimpleString)]
    return tuple(names) if len(names) == len(value.elements) and all(isinstance(n, str) for n in names) else None

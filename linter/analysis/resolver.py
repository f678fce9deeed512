"""Names and types in one module, as Python's scoping rules resolve them.

Why a resolver of our own: ``ast`` has none, and libcst's generic ``QualifiedNameProvider``
resolved about 830 lines/s, slower than parsing by an order of magnitude. The cases that
matter here fit in ``scopes.py``; the file pass (``FilePass``, a ``Resolver``) binds names as its walk meets
them, and the fact recorders and file rules ask it what a name or an expression is.
"""

from __future__ import annotations

import ast

from .. import catalogue
from ..catalogue import python
from .facts import MODULE_LEVEL, ArgRef, FileFacts, FunctionFacts
from .modules import resolve_relative
from .positions import SourceText
from .scopes import BUILTINS, UNKNOWN, Binding, Scope, import_binding_name, target_names
from .traversal import BLOCK_FIELDS, TRIES, first_argument
from .type_names import SEPARATOR as _DEFERRED, SUBSCRIPT, element_type, item_of, mapping, partial, step

_TYPE_CHECKING = python.TYPE_CHECKING
_SEQUENCES = python.SEQUENCES
_OPTIONAL_WRAPPERS = python.OPTIONAL_WRAPPERS
_CONTAINERS = (ast.List, ast.Tuple, ast.Set)
_PARTIAL = python.PARTIAL
_PATH_TYPES = python.PATH_TYPES
_MAPPINGS = python.MAPPINGS
_IDENTITY = python.RETURNS_ARGUMENT
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp)


class Resolver:
    """Scopes, bindings and types of one module; ``facts`` holds the functions and
    classes found so far (a method's ``self`` is typed from its class)."""

    module_name: str
    is_package: bool
    facts: FileFacts
    scopes: list[Scope]
    text: SourceText
    _class_attrs: dict[str, dict[str, str]]
    _function_of_node: dict[int, int]

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

    def qualify(self, node: ast.expr) -> str | None:
        """The qualified name an expression refers to: ``t.sleep`` -> ``time.sleep``."""
        attrs = []
        while type(node) is ast.Attribute:
            attrs.append(node.attr)
            node = node.value
        t = type(node)
        if t is ast.Name:
            name = node.id
        elif t is ast.Constant and _named_constant(node):
            name = repr(node.value)  # `None` is a name of the builtins, as libcst spelled it
        else:
            return None
        binding = self.lookup(name)
        if binding is None:
            if name in BUILTINS:
                base = f"builtins.{name}"
            else:  # a star import's names qualify as this module's (`Project.resolve` follows them)
                base = f"{self.module_name}.{name}" if self.facts.star_imports else None
        else:
            base = binding.ref
        if base is None or not attrs:
            return base
        attrs.append(base)
        return ".".join(reversed(attrs))

    def type_of(self, node: ast.expr) -> str | None:
        """The type of the value an expression evaluates to, where it can be known."""
        t = type(node)
        if t is ast.Name:
            binding = self.lookup(node.id)
            return binding.type if binding is not None else None
        if t is ast.Attribute:
            attrs = []
            while type(node) is ast.Attribute:
                attrs.append(node.attr)
                node = node.value
            owner = self.type_of(node)
            for attr in reversed(attrs):
                if owner is None:
                    return None
                owner = self.attribute_type_of(owner, attr)
            return owner
        if t is ast.Call:
            target, receiver, method = self.callee(node)
            if target:
                if target in _PARTIAL:
                    return self._partial_type(node)
                if target in _IDENTITY and (node.args or node.keywords):  # `closing(conn)` is `conn`
                    return self.type_of(first_argument(node))
                if target == python.SUPER:
                    return self._super_type()
                return _made_by(node, target) or catalogue.returns(target) or catalogue.canonical(target)
            if receiver:
                # what the project pass resolves: a project method's result, or a step
                # after a value whose type only it knows
                name = f"{catalogue.canonical(receiver)}.{method}"
                return _made_by(node, name) or catalogue.returns(name) or step(receiver, f"{method}()")
            return None
        if t is ast.Await:  # `await Order.objects.aget()`: what the coroutine returns
            return self.type_of(node.value)
        if t is ast.BoolOp:  # `session or requests.Session()`: either side's type
            # the first known of `a or b` from the left; of `a and b`, the last one's first
            values = node.values if type(node.op) is ast.Or else reversed(node.values)
            return next(filter(None, map(self.type_of, values)), None)
        if t is ast.IfExp:
            return self.type_of(node.body) or self.type_of(node.orelse)
        if t is ast.BinOp and type(node.op) is ast.Div:
            left = self.type_of(node.left)
            return left if left in _PATH_TYPES else None
        if t in _CONTAINERS:
            elements = node.elts
            first = elements[0] if elements and type(elements[0]) is not ast.Starred else None
            first_type = self.type_of(first) if first is not None else None
            return f"list[{first_type}]" if first_type else None
        if t in _COMPREHENSIONS:
            elt_type = self.type_of(node.elt)
            return f"list[{elt_type}]" if elt_type else None
        if t is ast.Subscript:
            container = self.type_of(node.value)
            if container is None:
                return None
            # `client["db"]["orders"]`: what the type's `__getitem__` returns
            return (item_of(container) or catalogue.returns(f"{catalogue.canonical(container)}.__getitem__")
                    or step(container, SUBSCRIPT))
        if t is ast.Dict or t is ast.DictComp:  # what an isinstance() test on it decides (branches.py)
            return python.DICT
        return None

    def attribute_type_of(self, owner: str, attr: str) -> str:
        """The type of attribute ``attr`` of a ``owner``: known here, or a step the project
        pass resolves."""
        return self._class_attrs.get(owner, {}).get(attr) or catalogue.attribute(owner, attr) or step(owner, attr)

    def _partial_type(self, call: ast.Call) -> str | None:
        """``functools.partial(self.s.get, timeout=5)``: a partial of ``requests.Session.get``,
        which calling it calls (``Project.callee``)."""
        if not call.args or type(call.args[0]) is ast.Starred:
            return None
        func = call.args[0]
        if type(func) is ast.Attribute:
            owner = self.type_of(func.value)
            if owner:
                return partial(f"{catalogue.canonical(owner)}.{func.attr}")
        name = self.qualify(func) if type(func) in (ast.Name, ast.Attribute) else None
        return partial(catalogue.canonical(name)) if name else None

    def _super_type(self) -> str | None:
        """``super()`` in a method: the class's first base, where methods are looked up."""
        function = self.function
        if function is None or function.cls is None:
            return None
        cls = next((c for c in self.facts.classes if c.qualname == function.cls), None)
        if cls is not None and not cls.bases:
            return python.OBJECT  # a mixin: the project pass looks along its subclasses' MRO
        return cls.bases[0] if cls is not None and cls.bases[0] else None

    def callee(self, call: ast.Call) -> tuple[str | None, str | None, str | None]:
        """``(target, receiver type, method)`` of a call; see ``CallSite``."""
        func = call.func
        t = type(func)
        if t is ast.Attribute:
            # the method name is kept even when the receiver is unknown: some rules
            # match on it (`loop.call_soon` with `loop` untyped)
            method = func.attr
            receiver = self.type_of(func.value)
            if receiver:
                return None, receiver, method
            base = self.qualify(func.value)
            return (f"{base}.{method}" if base else None), None, method
        if t is ast.Name:
            binding = self.lookup(func.id)
            if binding is not None and binding.ref is None and binding.type:
                # `SessionLocal = sessionmaker(...)`; `SessionLocal()` calls the instance
                return None, binding.type, "__call__"
            return self.qualify(func), None, None
        return None, None, None

    def annotation_type(self, annotation: ast.expr | None) -> str | None:
        """``sqlite3.Connection``, ``Optional[X]``, ``X | None``, ``"X"`` -> a type name."""
        if annotation is None:
            return None
        t = type(annotation)
        if t is ast.Constant and not _named_constant(annotation):
            text = self.simple_string(annotation)
            if text is not None and len(text) < 200:
                try:
                    return self.annotation_type(ast.parse(text, mode="eval").body)
                except Exception:  # not an expression: no type
                    return None
            return None
        if t is ast.BinOp and type(annotation.op) is ast.BitOr:
            for side in (annotation.left, annotation.right):
                if not (type(side) is ast.Constant and side.value is None):
                    return self.annotation_type(side)
            return None
        if t is ast.Subscript:
            outer = self.qualify(annotation.value)
            first = annotation.slice
            second = None
            if type(first) is ast.Tuple:
                if len(first.elts) == 2:
                    second = first.elts[1]
                first = first.elts[0] if first.elts else None
            if type(first) is ast.Slice:
                first = None
            if outer in _OPTIONAL_WRAPPERS or outer == python.UNION:
                return self.annotation_type(first) if first is not None else None
            if outer in _SEQUENCES and first is not None:
                inner = self.annotation_type(first)
                return f"list[{inner}]" if inner else None
            if outer in _MAPPINGS and second is not None:  # dict[str, Future]: its values
                inner = self.annotation_type(second) if type(second) is not ast.Slice else None
                return mapping(inner) if inner else None
            return catalogue.canonical(outer) if outer else None  # a generic: Queue[int]
        name = self.qualify(annotation)
        return catalogue.canonical(name) if name else None

    def simple_string(self, node: ast.expr) -> str | None:
        """The value of one plain string literal (not an f-string, not ``"a" "b"``)."""
        if type(node) is not ast.Constant or type(node.value) is not str:
            return None
        return node.value if _single_string(self.text.segment(node)) else None

    def literal(self, node: ast.Constant) -> str | None:
        """A literal's source text (``0x10``, ``'w'``, ``None``); None for ``...`` and
        concatenated strings, which are not one literal."""
        value = node.value
        if _named_constant(node):
            return repr(value)
        if value is Ellipsis:
            return None
        text = self.text.segment(node)
        if type(value) in (str, bytes) and not _single_string(text):
            return None
        return text

    def arg_ref(self, value: ast.expr) -> ArgRef:
        t = type(value)
        if t is ast.Lambda:
            index = self._function_of_node.get(id(value))
            qualname = self.facts.functions[index].qualname if index is not None else "<lambda>"
            return ArgRef("lambda", qualname)
        if t is ast.Call:
            target, receiver, method = self.callee(value)
            if target in _PARTIAL and (value.args or value.keywords):
                return ArgRef("partial", target, inner=self.arg_ref(first_argument(value)))
            name = target or (f"{receiver}.{method}" if receiver else "")
            return ArgRef("call", name, self.type_of(value))
        if t is ast.Constant:
            text = self.literal(value)
            return ArgRef("literal", text) if text is not None else ArgRef("other")
        if t is ast.Name or t is ast.Attribute:
            qualname = self.qualify(value)
            if qualname:
                return ArgRef("ref", qualname, self.type_of(value))
            if t is ast.Attribute:
                owner = self.type_of(value.value)
                if owner:  # a bound method: `self.flush`
                    return ArgRef("method", f"{owner}.{value.attr}")
            else:  # a local name or parameter: a condition on it moves to the caller (reach.py)
                return ArgRef("local", value.id, self.type_of(value))
        if (t is ast.UnaryOp and type(value.op) is ast.USub and type(value.operand) is ast.Constant
                and type(value.operand.value) in (int, float)):
            return ArgRef("literal", "-" + self.text.segment(value.operand))
        return ArgRef("other", "", self.type_of(value))

    # ------------------------------------------------------------- prescan
    def _prescan_module(self, module: ast.Module) -> None:
        """Bind module-level names before walking, since functions see the module as
        it is after import: a function may use a name imported below it."""
        scope = self.scopes[0]
        assignments: list[tuple[ast.stmt, bool]] = []
        stack: list[tuple[ast.AST, bool]] = [(s, False) for s in reversed(module.body)]
        while stack:
            node, fallback = stack.pop()
            t = type(node)
            if t is ast.Import or t is ast.ImportFrom:
                self._bind_import(node, scope, fallback)
            elif t is ast.Assign or t is ast.AnnAssign:
                assignments.append((node, fallback))
            elif t is ast.FunctionDef or t is ast.AsyncFunctionDef or t is ast.ClassDef:
                scope.names[node.name] = Binding(f"{self.module_name}.{node.name}")
            elif t in _PRESCANNED:
                handler = t is ast.ExceptHandler
                children = [(c, fallback or handler) for name in BLOCK_FIELDS[t] for c in getattr(node, name)]
                if t in TRIES:  # the handlers come between the body and the else
                    children[len(node.body):len(node.body)] = [(h, fallback) for h in node.handlers]
                stack.extend(reversed(children))
        for node, fallback in assignments:
            self._bind_assignment(node, scope, fallback)

    def _bind_import(self, node: ast.Import | ast.ImportFrom, scope: Scope, fallback: bool = False) -> None:
        """``fallback``: an import in an except handler does not replace the one
        tried first (``try: import ujson as json / except ImportError: import json``)."""
        if type(node) is ast.Import:
            for alias in node.names:
                local = import_binding_name(alias)
                if not local:
                    continue
                ref = alias.name if alias.asname is not None else local
                self._bind(scope, local, Binding(ref), fallback)
                if scope.kind == "module":
                    self.facts.exports[local] = ref
            return
        source = node.module
        if node.level:
            source = resolve_relative(self.module_name, self.is_package, node.level, source)
        if not source:
            return
        if node.names[0].name == "*":
            # its names are known across files only: they qualify as this module's (`qualify`)
            # and the project pass follows them to the source (`Project.resolve`)
            if scope.kind == "module":
                self.facts.star_imports.append(source)
            return
        for alias in node.names:
            local = import_binding_name(alias)
            if not local:
                continue
            self._bind(scope, local, Binding(f"{source}.{alias.name}"), fallback)
            if scope.kind == "module":
                self.facts.exports[local] = f"{source}.{alias.name}"

    @staticmethod
    def _bind(scope: Scope, name: str, binding: Binding, fallback: bool = False) -> None:
        if fallback and name in scope.names:
            return
        scope.names[name] = binding

    def _bind_assignment(self, node: ast.stmt, scope: Scope, fallback: bool = False) -> None:
        """``fallback`` as for imports: ``except ImportError: sleep = None`` keeps the import.
        A value's own type wins over an annotation, which names a base or a factory
        (``q: mp.Queue = mp.Queue()``)."""
        if type(node) is ast.Assign:
            targets = node.targets
            value = node.value
            declared = None
        elif type(node) is ast.AnnAssign:
            targets = [node.target]
            value = node.value
            declared = self.annotation_type(node.annotation)
        else:
            return
        if scope.kind == "module" and any(type(t) is ast.Name and t.id == "__all__" for t in targets):
            self.facts.public = self._string_list(value)
        alias = self._type_alias(value, declared)
        if alias is not None:
            for name in target_names(targets[0]) if len(targets) == 1 else ():
                scope.names[name] = Binding(alias)
                if scope.kind == "module":
                    self.facts.exports[name] = alias
            return
        value_type = declared_or(declared, self.type_of(value) if value is not None else None)
        ref = self.qualify(value) if value is not None and _is_reference(value) else None
        for target in targets:
            t = type(target)
            if t is ast.Name:
                if fallback and target.id in scope.names:
                    continue
                if ref and value_type is None:
                    scope.names[target.id] = self.lookup_ref(value) or Binding(ref)
                else:
                    scope.names[target.id] = Binding(None, value_type)
            elif t is ast.Tuple or t is ast.List:
                element = element_type(value_type)
                for name in target_names(target):
                    scope.names[name] = Binding(None, element)
            elif t is ast.Attribute and scope.cls and value_type:
                if type(target.value) is ast.Name and target.value.id == self._self_name():
                    self._class_attrs.setdefault(scope.cls, {})[target.attr] = value_type

    def _type_alias(self, value: ast.expr | None, declared: str | None) -> str | None:
        """The type a type alias names: ``Db = Optional[sqlite3.Connection]``,
        ``Db = sqlite3.Connection | None``, ``Db: TypeAlias = ...`` (PEP 613). Then ``Db`` stands
        for that type in annotations, as an imported class name does."""
        if value is None:
            return None
        if declared in python.TYPE_ALIAS:
            return self.annotation_type(value)
        if type(value) is ast.Subscript and self.qualify(value.value) in (*_OPTIONAL_WRAPPERS, python.UNION):
            return self.annotation_type(value)
        if (type(value) is ast.BinOp and type(value.op) is ast.BitOr
                and any(type(side) is ast.Constant and side.value is None for side in (value.left, value.right))):
            return self.annotation_type(value)
        return None

    def _string_list(self, value: ast.expr | None) -> tuple[str, ...] | None:
        """The names of ``__all__ = ["a", "b"]``; None where they are not all literal."""
        if type(value) not in (ast.List, ast.Tuple):
            return None
        names = [self.simple_string(e) for e in value.elts]
        return tuple(names) if all(name is not None for name in names) else None

    def lookup_ref(self, value: ast.expr) -> Binding | None:
        """``x = other_name``: x gets other_name's binding (an alias keeps its type)."""
        if type(value) is ast.Name:
            return self.lookup(value.id)
        return None

    def _self_name(self) -> str | None:
        function = self.function
        if function is None or function.kind != "def" or not function.params or function.cls is None:
            return None
        return function.params[0]


_PRESCANNED = frozenset({ast.If, ast.Try, ast.With, ast.AsyncWith, ast.For, ast.AsyncFor, ast.While,
                         ast.ExceptHandler, *([ast.TryStar] if hasattr(ast, "TryStar") else [])})


def _named_constant(node: ast.Constant) -> bool:
    """``None``, ``True`` or ``False``: names in the builtins, constants in ``ast``."""
    value = node.value
    return value is None or value is True or value is False


def _is_reference(node: ast.expr) -> bool:
    t = type(node)
    return t is ast.Name or t is ast.Attribute or (t is ast.Constant and _named_constant(node))


def _single_string(text: str) -> bool:
    """``text`` (a string constant's source) is one literal, not ``"a" "b"``."""
    start = 0
    while start < len(text) and text[start] not in "'\"":
        start += 1
    quote = text[start:start + 3] if text[start:start + 3] in ('"""', "'''") else text[start:start + 1]
    if not quote:
        return False
    position = start + len(quote)
    while position < len(text):
        if text[position] == "\\":
            position += 2
        elif text.startswith(quote, position):
            return position + len(quote) == len(text)
        else:
            position += 1
    return False


_BARE_CONTAINERS = frozenset({python.DICT, python.LIST, python.SET, python.TUPLE})


def declared_or(declared: str | None, value_type: str | None) -> str | None:
    """A value's own type wins over an annotation, which names a base or a factory
    (``q: mp.Queue = mp.Queue()``); but a bare container says less than its annotation
    (``jobs: dict[str, Future] = {}``), and so does a type whose steps only the project
    pass can take (``pool: ProcessPoolExecutor = request.app["pool"]``): they may lead nowhere."""
    if value_type is None or (declared and (value_type in _BARE_CONTAINERS or _DEFERRED in value_type)):
        return declared
    return value_type


def _made_by(call: ast.Call, target: str) -> str | None:
    """The type a call makes given its arguments (``queue.Queue()`` without a ``maxsize`` is
    an unbounded queue), where the catalogue says they decide it (``ReturnsWhen``)."""
    for when in catalogue.RETURNS_WHEN.get(catalogue.canonical(target), ()):
        given = next((k.value for k in call.keywords if k.arg == when.keyword), None)
        starred = any(type(a) is ast.Starred for a in call.args) or any(k.arg is None for k in call.keywords)
        if given is None and when.position is not None and not starred and len(call.args) > when.position:
            given = call.args[when.position]
        if given is None and starred:
            continue  # `Queue(*args)`: not known
        if given is None or (type(given) in (ast.Constant, ast.UnaryOp) and ast.unparse(given) in when.values):
            return when.type
    return None

"""The per-file pass: one walk over a file's tree that resolves names and types
and records every call, function and class as ``FileFacts``.

Names are resolved as the walk goes (``resolver.py``), so the pass costs little more
than the parse.

The fact recorders (``recorders.py``) and the per-file rules (``rules.base.FileRule``)
ride on the same walk: they are told about the node types they ask for, through one
table, and use this object as their context.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Sequence, TypeVar

from .. import catalogue
from ..catalogue import python
from .branches import conditions
from .facts import (
    MODULE_LEVEL,
    ArgRef,
    CallSite,
    ClassFacts,
    Condition,
    FileFacts,
    FunctionFacts,
    RawFinding,
    call_flags,
)
from .modules import is_package
from .positions import SourceText, pack
from .recorders import RECORDERS
from .resolver import Resolver, declared_or
from .scopes import UNKNOWN, Binding, Scope, bound_names, target_names
from .traversal import (
    BLOCK_FIELDS,
    FUNCTION_DEFS,
    STATEMENTS,
    Block,
    calls_in,
    dotted,
    nested_statements,
    statements_in,
    walk,
)
from .type_names import element_of, element_type

T = TypeVar("T")
_TYPE_CHECKING = python.TYPE_CHECKING
_STATIC_METHOD_DECORATORS = frozenset({python.STATICMETHOD})
_FILE_TYPES = python.FILE_TYPES
_CALLABLE_VALUES = (ast.Name, ast.Attribute, ast.Lambda)
_CONTAINER_PREFIXES = ("list[", "tuple[", "mapping[", "functools.partial[")
_NOTHING = object()  # the plan of a node type whose entering does nothing
_LEAVE_TYPES = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.Call})


class FilePass(Resolver):
    """Walks one module: resolves names as it goes (``Resolver``), records the facts,
    and runs the fact recorders and file rules through one node-type table."""

    def __init__(self, module: ast.Module, path: str, module_name: str, file_rules: Sequence,
                 text: SourceText):
        self.module = module
        self.path = path
        self.module_name = module_name
        self.text = text
        self._walrus = b":=" in text.source  # without one, only statements bind names
        self.is_package = is_package(Path(path))
        self.facts = FileFacts(path=path, module=module_name)
        self.scopes: list[Scope] = []
        self.nodes: list[ast.AST] = []  # by index
        self.index_of: dict[int, int] = {}
        self._awaited: set[int] = set()
        self._settled: set[int] = set()  # `fut.result()` calls where `fut` is known done
        self._statements: set[int] = set()  # values of expression statements
        # what to record on entering a node met earlier: `for line in f` reads a file,
        # `with Db():` calls `Db.__enter__`
        self._watched: dict[int, Callable] = {}
        # iterables of sync `for` loops and comprehensions, with their type where known
        self._iterated: dict[int, str | None] = {}
        self._not_read: set[int] = set()  # attributes called or assigned to: not property reads
        self._chained: set[int] = set()  # inner links of attribute chains, typed with the outermost
        self._generators: set[int] = set()  # function indices whose body yields
        # calls in decorators and parameter defaults: made where the def runs, not by the function
        self._outer_calls: dict[int, int] = {}
        self._skipped_calls: set[int] = set()  # under `if TYPE_CHECKING:`
        self._guarded_calls: set[int] = set()  # under `if __name__ == "__main__":`
        # statements under an `if`/`else` of their function, with what the branches need
        # (branches.py): their own, then those their nested statements inherit; None for
        # code under no branch. A call takes those of the statement it is in.
        self._own_conditions: dict[int, tuple[Condition, ...]] = {}
        self._inherited: dict[int, tuple[Condition, ...]] = {}
        self._conditions: tuple[Condition, ...] | None = None
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
        self._plans: dict[type, tuple | object] = {}  # by node type: see _plan
        # one copy of each equal argument record and argument tuple of the file: two in
        # three calls repeat another's (the parent holds every file's, codec.py)
        self._one_copy: dict = {}

    # ------------------------------------------------------------------ run
    def run(self) -> FileFacts:
        module_scope = Scope("module", self.module_name, MODULE_LEVEL)
        self.scopes.append(module_scope)
        self._prescan_module(self.module)
        walk(self.module, self._enter, self._leave, _LEAVE_TYPES)
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
        self.facts.spans = pack(self.nodes, self._placed(), self.text)
        return self.facts

    def _placed(self) -> Iterable[int]:
        """Every node a finding, a trace step or a fix may name, so that positions need
        no second parse."""
        facts = self.facts
        for call in facts.calls:
            yield call.node
            if call.callee_node is not None:
                yield call.callee_node
        for read in facts.attribute_reads:
            yield read.node
        for held in facts.held_locks:
            yield held.node
        for finding in facts.findings:
            yield finding.node
            if finding.fix:
                yield from (node for node, _ in finding.fix[1])

    # ------------------------------------------------------- public for rules
    def in_coroutine(self) -> bool:
        function = self.function
        return function is not None and function.kind == "def" and function.is_async

    def node_index(self, node: ast.AST) -> int:
        """The index of a node already entered by the walk."""
        return self.index_of[id(node)]

    def report(self, code: str, node: ast.AST | int, message: str,
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

    # --------------------------------------------------------------- walk
    def _enter(self, node: ast.AST, index: int) -> None:
        self.nodes.append(node)
        key = id(node)
        self.index_of[key] = index
        if key in self._watched:
            self._watched.pop(key)(self, node, index)
        plan = self._plans.get(type(node))
        if plan is None:
            plan = self._plans[type(node)] = self._plan(type(node))
        if plan is _NOTHING:
            return
        handler, rules, statement, blocks = plan
        if statement and (self._conditions is not None or self._own_conditions):
            self._enter_statement(node, key)
        if handler is not None:
            handler(self, node, index)
        for rule in rules:
            rule.visit(self, node)
        for name in blocks:
            statements = getattr(node, name)
            if statements:
                self._enter_block(statements)

    def _plan(self, node_type: type) -> tuple | object:
        """What entering a node of this type does: its handler, the recorders and rules that
        visit it, whether it is a statement, its blocks."""
        plan = (_ENTER.get(node_type), tuple(self._rules_by_type.get(node_type, ())),
                node_type in STATEMENTS, BLOCK_FIELDS.get(node_type, ()))
        return _NOTHING if plan == (None, (), False, ()) else plan

    def _enter_statement(self, node: ast.AST, key: int) -> None:
        """The branch conditions of a statement: those of the statement it is in, then its own."""
        inherited = self._inherited.pop(key, None)
        own = self._own_conditions.pop(key, None)
        if inherited is None and own is None:
            self._conditions = None
            return
        self._conditions = current = (inherited or ()) + (own or ())
        for nested in nested_statements(node):
            self._inherited[id(nested)] = current

    def _enter_block(self, statements: list[ast.stmt]) -> None:
        """A block of statements, before its statements are walked."""
        if self.scope.kind == "function":
            self._note_returns(statements)
            self._note_settled(statements)
        rules = self._rules_by_type.get(Block)
        if rules:
            block = Block(statements)
            for rule in rules:
                rule.visit(self, block)

    # ------------------------------------------------------- node handlers
    def _enter_await(self, node: ast.Await, index: int) -> None:
        self._awaited.add(id(node.value))

    def _enter_expr(self, node: ast.Expr, index: int) -> None:
        self._statements.add(id(node.value))
        self._switch_state(node.value)

    def _switch_state(self, value: ast.expr) -> None:
        """``sock.setblocking(False)`` on a local name: from here on the name holds the
        catalogue's variant (a non-blocking socket), whose calls return at once."""
        if (type(value) is not ast.Call or type(value.func) is not ast.Attribute
                or type(value.func.value) is not ast.Name or len(value.args) != 1 or value.keywords
                or type(value.args[0]) is not ast.Constant or self.scope.kind == "module"):
            return
        name = value.func.value.id
        owner = self.type_of(value.func.value)
        switch = catalogue.SWITCHES.get((catalogue.canonical(owner), value.func.attr)) if owner else None
        if switch is not None and repr(value.args[0].value) in switch[0]:
            self.scope.names[name] = Binding(None, switch[1])

    def _enter_call(self, node: ast.Call, index: int) -> None:
        self._not_read.add(id(node.func))

    def _enter_attribute(self, node: ast.Attribute, index: int) -> None:
        """``self.remote_status`` reads an attribute that may be a property, whose getter
        runs here; the project pass keeps the reads that are. A chain ``a.b.c`` is typed
        once, from its outermost link: typing each link anew would cost the square of its
        length (a 20,000-link chain never finished)."""
        if id(node) in self._chained:
            return
        chain = [node]  # outermost first; the k-th link is node index + k (its only child comes next)
        while type(chain[-1].value) is ast.Attribute:
            chain.append(chain[-1].value)
        self._chained.update(id(link) for link in chain[1:])
        base = chain[-1].value
        owner, text = self.type_of(base), dotted(base)
        reads = []
        for position in range(len(chain) - 1, -1, -1):
            link = chain[position]
            text = f"{text}.{link.attr}" if text is not None else None
            if owner is None:
                break
            if id(link) not in self._not_read and not owner.startswith(_CONTAINER_PREFIXES):
                reads.append(CallSite(self.scope.function, index + position, text or f"(...).{link.attr}",
                                      receiver=catalogue.canonical(owner), method=link.attr,
                                      flags=call_flags(attribute=True)))
            owner = self.attribute_type_of(owner, link.attr)
        reads.reverse()
        self.facts.attribute_reads.extend(reads)

    def _enter_assignment(self, node: ast.Assign | ast.AnnAssign, index: int) -> None:
        targets = node.targets if type(node) is ast.Assign else [node.target]
        self._not_read.update(id(t) for t in targets)
        if node.value is not None and type(node.value) in _CALLABLE_VALUES:
            for target in targets:
                self._record_callback_setter(target, node.value, index)
        if self.scope.kind != "module":  # the prescan bound module-level names
            self._bind_assignment(node, self.scope)

    def _record_callback_setter(self, target: ast.expr, value: ast.expr, index: int) -> None:
        """``client.on_message = self.handle`` on a library object: its setter receives the
        callable, as ``client.on_message(self.handle)`` would (the hand-off table says which
        of these run it in another thread)."""
        if type(target) is not ast.Attribute:
            return
        owner = self.type_of(target.value)
        if owner is None or owner == self.scope.cls or owner.startswith(_CONTAINER_PREFIXES):
            return
        self.facts.calls.append(CallSite(self.scope.function, index,
                                         f"{dotted(target) or target.attr} = {dotted(value) or '...'}",
                                         receiver=catalogue.canonical(owner), method=target.attr,
                                         args=(self.arg_ref(value),),
                                         flags=call_flags(attribute=True)))

    def _enter_aug_assign(self, node: ast.AugAssign, index: int) -> None:
        if self.scope.kind != "module":
            for name in target_names(node.target):
                self.scope.names[name] = UNKNOWN

    def _enter_with_item(self, node: ast.withitem, index: int) -> None:
        if node.optional_vars is not None:
            item_type = self.type_of(node.context_expr)
            for name in target_names(node.optional_vars):
                self._bind_local(name, Binding(None, item_type))

    def _enter_for(self, node: ast.For | ast.AsyncFor | ast.comprehension, index: int) -> None:
        iterated = self.type_of(node.iter)
        if type(node) is not ast.AsyncFor and not getattr(node, "is_async", 0):
            # `async for` calls `__aiter__`, which never blocks
            kind = self._iterated[id(node.iter)] = (python.STDIN if self.qualify(node.iter) == python.STDIN
                                                    else iterated if element_of(iterated) is None else None)
            if kind:
                self._watched[id(node.iter)] = FilePass._record_iteration
        element = element_type(iterated) if type(node.target) is ast.Name else element_of(iterated)
        for name in target_names(node.target):
            self._bind_local(name, Binding(None, element))

    def _enter_return(self, node: ast.Return, index: int) -> None:
        if self.scope.kind == "function" and node.value is not None:
            function = self.scope.function
            if function not in self._returns:
                returned = self.type_of(node.value)
                if returned:
                    self._returns[function] = returned

    def _enter_import(self, node: ast.Import | ast.ImportFrom, index: int) -> None:
        if self.scope.kind != "module":
            self._bind_import(node, self.scope)

    def _enter_with(self, node: ast.With, index: int) -> None:
        for item in node.items:
            self._watched[id(item.context_expr)] = FilePass._record_enter

    def _enter_yield(self, node: ast.Yield | ast.YieldFrom, index: int) -> None:
        if self.scope.kind == "function":
            self._generators.add(self.scope.function)

    def _enter_match_name(self, node: ast.MatchAs | ast.MatchStar, index: int) -> None:
        if node.name is not None:
            self._bind_local(node.name, UNKNOWN)

    def _enter_named_expr(self, node: ast.NamedExpr, index: int) -> None:
        if self.scope.kind != "module":
            for name in target_names(node.target):
                self.scope.names[name] = Binding(None, self.type_of(node.value))

    def _bind_local(self, name: str, binding: Binding) -> None:
        """A with/for target. At module level the prescan's bindings stand (functions
        see the module as imported); these targets only fill names it left unbound."""
        self._bind(self.scope, name, binding, fallback=self.scope.kind == "module")

    def _leave(self, node: ast.AST) -> None:
        t = type(node)
        if t is ast.Call:
            self._record_call(node)
        else:
            self.scopes.pop()
        for rule in self._rules_by_type.get(t, ()):
            leave = getattr(rule, "leave", None)
            if leave is not None:
                leave(self, node)

    def _enter_if(self, node: ast.If, index: int) -> None:
        test = node.test
        name = self.qualify(test) if type(test) in (ast.Name, ast.Attribute) else None
        if name in _TYPE_CHECKING or (type(test) is ast.Name and test.id == "TYPE_CHECKING"):
            self._skipped_calls.update(id(n) for n in calls_in(node.body))
        elif self.scope.kind == "module" and _is_main_test(test, self.simple_string):
            self._guarded_calls.update(id(n) for n in calls_in(node.body))
        elif self.scope.kind == "function":
            self._note_branches(node)

    def _note_returns(self, statements: list[ast.stmt]) -> None:
        """After `if x is None: return`, the rest of the block runs only when the test
        is false: its calls need what the `else` of that `if` would."""
        for position, statement in enumerate(statements):
            if (type(statement) is ast.If and not statement.orelse
                    and _leaves(statement.body) and position + 1 < len(statements)):
                self._note_branches(statement, [(statements[position + 1:], False)])

    def _note_settled(self, statements: list[ast.stmt]) -> None:
        """``fut.result()`` returns at once where ``fut`` is known done: under ``if fut.done():``
        (or the ``else`` of ``if not fut.done():``), after ``if not fut.done(): return``, and
        after ``fut.set_result(...)``."""
        for position, statement in enumerate(statements):
            t = type(statement)
            if t is ast.If:
                subject, holds = _done_test(statement.test)
                if subject is not None:
                    self._settle(subject, statement.body if holds else statement.orelse)
                    if not holds and _leaves(statement.body):
                        self._settle(subject, statements[position + 1:])
            elif t is ast.Expr and type(statement.value) is ast.Call:
                func = statement.value.func
                if type(func) is ast.Attribute and func.attr in _SETTLING_METHODS and dotted(func.value):
                    self._settle(dotted(func.value), statements[position + 1:])

    def _settle(self, subject: str, statements: list[ast.stmt]) -> None:
        for call in calls_in(statements):
            func = call.func
            if type(func) is ast.Attribute and func.attr in _SETTLED_METHODS and dotted(func.value) == subject:
                self._settled.add(id(call))

    def _note_branches(self, node: ast.If, branches: list | None = None) -> None:
        """Each call of the two branches gets what its branch needs of the inputs (an
        `elif` is an `If` of its own, entered later, which adds its own test)."""
        function = self.facts.functions[self.scope.function]
        params = set(function.params)
        owner = function.params[0] if function.cls and function.params else None

        def subject_of(expression: ast.expr) -> str | None:
            t = type(expression)
            if t is ast.Name and expression.id in params and expression.id != owner:
                return expression.id
            if t is ast.Attribute and type(expression.value) is ast.Name and expression.value.id == owner:
                return f"self.{expression.attr}"
            return None
        for branch, holds in branches or ((node.body, True), (node.orelse, False)):
            if not branch:
                continue
            needed = conditions(node.test, holds, subject_of, self.qualify, self.text.segment)
            for statement in branch:
                key = id(statement)
                self._own_conditions[key] = self._own_conditions.get(key, ()) + needed

    def _new_function(self, facts: FunctionFacts, node: ast.AST) -> int:
        self.facts.functions.append(facts)
        index = len(self.facts.functions) - 1
        self._function_of_node[id(node)] = index
        return index

    def _enter_function(self, node: ast.FunctionDef | ast.AsyncFunctionDef, index: int) -> None:
        outer = self.scope
        params = node.args
        evaluated_outside = [*node.decorator_list, *params.defaults, *(d for d in params.kw_defaults if d)]
        for inner in calls_in(evaluated_outside):
            self._outer_calls[id(inner)] = outer.function
        name = node.name
        qualname = f"{outer.prefix}.{name}"
        decorators = tuple(self.qualify(d.func if type(d) is ast.Call else d) or "" for d in node.decorator_list)
        positional = [*params.posonlyargs, *params.args]
        all_params = list(positional)
        if params.vararg is not None:
            all_params.append(params.vararg)
        all_params.extend(params.kwonlyargs)
        if params.kwarg is not None:
            all_params.append(params.kwarg)
        param_names = tuple(p.arg for p in all_params)
        cls = outer.cls if outer.kind == "class" else None
        with_defaults = [*zip(positional[len(positional) - len(params.defaults):], params.defaults),
                         *((p, d) for p, d in zip(params.kwonlyargs, params.kw_defaults) if d is not None)]
        defaults = tuple((p.arg, self.arg_ref(d)) for p, d in with_defaults)
        facts = FunctionFacts(qualname, name, index, type(node) is ast.AsyncFunctionDef, "def",
                              outer.function, cls, decorators, param_names, defaults=defaults,
                              attribute_params=_attribute_params(node, param_names) if cls else ())
        function_index = self._new_function(facts, node)
        declared = self.annotation_type(node.returns) if node.returns else None
        if declared and not facts.is_async:
            self._returns[function_index] = declared
        if outer.kind != "module":
            self._bind(outer, name, Binding(qualname))
        bound, declared = bound_names(node.body, self._walrus)
        scope = Scope("function", f"{qualname}.<locals>", function_index,
                      local_names=frozenset(bound | set(param_names)), global_names=frozenset(declared),
                      cls=cls)
        for position, param in enumerate(all_params):
            param_type = self.annotation_type(param.annotation)
            if position == 0 and cls and param_type is None and python.CLASSMETHOD in decorators:
                # a classmethod's `cls` is the class: `cls(...)` makes an instance
                scope.names[param.arg] = Binding(cls)
                continue
            if position == 0 and cls and param_type is None and not set(decorators) & _STATIC_METHOD_DECORATORS:
                param_type = cls  # self: calls on it are the class's methods
            scope.names[param.arg] = Binding(None, param_type)
        self.scopes.append(scope)

    def _enter_lambda(self, node: ast.Lambda, index: int) -> None:
        outer = self.scope
        qualname = f"{outer.prefix}.<lambda>"
        facts = FunctionFacts(qualname, "<lambda>", index, False, "lambda", outer.function, None)
        function_index = self._new_function(facts, node)
        params = node.args
        names = [p.arg for p in (*params.posonlyargs, *params.args, *params.kwonlyargs)]
        scope = Scope("function", f"{qualname}.<locals>", function_index, local_names=frozenset(names), cls=None)
        for name in names:
            scope.names[name] = UNKNOWN
        self.scopes.append(scope)

    def _enter_class(self, node: ast.ClassDef, index: int) -> None:
        outer = self.scope
        qualname = f"{outer.prefix}.{node.name}"
        if outer.kind != "module":
            self._bind(outer, node.name, Binding(qualname))
        bases = tuple(catalogue.canonical(self.qualify(b.value if type(b) is ast.Starred else b) or "")
                      for b in node.bases)
        self.facts.classes.append(ClassFacts(qualname, index, bases))
        facts = FunctionFacts(qualname, node.name, index, False, "class", outer.function, None)
        function_index = self._new_function(facts, node)
        self._prescan_class(node, qualname)
        self.scopes.append(Scope("class", qualname, function_index, cls=qualname))

    def _prescan_class(self, node: ast.ClassDef, qualname: str) -> None:
        """Attribute types from the class body and from ``self.x = ...`` in any method,
        so a method defined before ``__init__`` still knows ``self.session``."""
        attrs = self._class_attrs.setdefault(qualname, {})
        for statement in node.body:
            t = type(statement)
            if t is ast.AnnAssign and type(statement.target) is ast.Name:
                declared = self.annotation_type(statement.annotation)
                value_type = declared_or(declared, self.type_of(statement.value) if statement.value else None)
                if value_type:
                    attrs[statement.target.id] = value_type
            elif t is ast.Assign:
                value_type = self.type_of(statement.value)
                if value_type:
                    for target in statement.targets:
                        if type(target) is ast.Name:
                            attrs[target.id] = value_type
            elif t in FUNCTION_DEFS:
                self._prescan_method(statement, qualname, attrs)

    def _prescan_method(self, method: ast.FunctionDef | ast.AsyncFunctionDef, cls: str,
                        attrs: dict[str, str]) -> None:
        params = [*method.args.posonlyargs, *method.args.args]
        if not params:
            return
        self_name = params[0].arg
        scope = Scope("function", "", MODULE_LEVEL, local_names=frozenset(p.arg for p in params), cls=None)
        # `self.db = self.client["hooks"]`: the attributes already seen type the next ones
        scope.names[self_name] = Binding(None, cls)
        for param in params[1:]:
            scope.names[param.arg] = Binding(None, self.annotation_type(param.annotation))
        self.scopes.append(scope)
        try:
            for node in statements_in(method.body):
                t = type(node)
                if t is ast.Assign:
                    targets, value, declared = node.targets, node.value, None
                elif t is ast.AnnAssign:
                    targets, value, declared = [node.target], node.value, self.annotation_type(node.annotation)
                else:
                    continue
                value_type = declared_or(declared, self.type_of(value) if value is not None else None)
                if not value_type:
                    continue
                for target in targets:
                    # `self.parent, child = mp.Pipe()`: each element of the tuple
                    pairs = ([(e.value if type(e) is ast.Starred else e, element_type(value_type))
                              for e in target.elts]
                             if type(target) in (ast.Tuple, ast.List) else [(target, value_type)])
                    for element, held in pairs:
                        if (held and type(element) is ast.Attribute
                                and type(element.value) is ast.Name and element.value.id == self_name
                                and element.attr not in attrs):
                            attrs[element.attr] = held
        finally:
            self.scopes.pop()

    def _record_iteration(self, node: ast.expr, index: int) -> None:
        """A sync ``for`` over a value calls its type's ``__iter__`` (a Django queryset runs
        its query, a project class's ``__iter__`` may block); over a file it reads line by
        line: a ``readline()`` each step."""
        text = f"{_callee_text(node.func)}()" if type(node) is ast.Call else dotted(node) or "(...)"
        iterated = self._iterated[id(node)]
        if iterated == python.STDIN:
            call = CallSite(self.scope.function, index, f"{text}.readline", target=f"{python.STDIN}.readline")
        elif iterated in _FILE_TYPES:
            call = CallSite(self.scope.function, index, f"{text}.readline", receiver=iterated, method="readline")
        else:
            call = CallSite(self.scope.function, index, f"iter({text})", receiver=catalogue.canonical(iterated),
                            method="__iter__", flags=call_flags(iterated=True))
        self.facts.calls.append(call)

    def _record_enter(self, node: ast.expr, index: int) -> None:
        """`with Db() as conn:` calls `Db.__enter__` and, when the block ends, `Db.__exit__`:
        methods of the project that may block, or a library's (an executor's exit waits for
        its workers)."""
        owner = self.type_of(node)
        if owner is not None and "." in owner:
            for method in ("__enter__", "__exit__"):
                text = f"{owner.rsplit('.', 1)[-1]}.{method}"
                self.facts.calls.append(CallSite(self.scope.function, index, text, receiver=owner, method=method))

    def _on_parameter(self, func: ast.expr) -> bool:
        function = self.function
        return (function is not None and type(func) is ast.Attribute and type(func.value) is ast.Name
                and func.value.id in function.params[1 if function.cls else 0:])

    def _record_call(self, node: ast.Call) -> None:
        key = id(node)
        if key in self._skipped_calls:
            return
        target, receiver, method = self.callee(node)
        one = self._one_copy.setdefault
        args: list[ArgRef] = []
        for arg in node.args:
            if type(arg) is ast.Starred:  # what follows it lands at positions unknown
                break
            ref = self.arg_ref(arg)
            args.append(one(ref, ref))
        kwargs = [(k.arg, one(ref, ref)) for k in node.keywords if k.arg is not None
                  for ref in (self.arg_ref(k.value),)]
        args_tuple, kwargs_tuple = tuple(args), tuple(kwargs)
        unpacked = any(type(a) is ast.Starred for a in node.args) or any(k.arg is None for k in node.keywords)
        self.facts.calls.append(CallSite(
            function=self._outer_calls.get(key, self.scope.function),
            node=self.index_of[key],
            callee_node=self.index_of[key] + 1,  # the callee is the call's first child
            text=_callee_text(node.func),
            target=catalogue.canonical(target) if target else None,
            receiver=catalogue.canonical(receiver) if receiver else None,
            method=method,
            args=one(args_tuple, args_tuple),
            kwargs=one(kwargs_tuple, kwargs_tuple),
            flags=call_flags(awaited=key in self._awaited, main_guarded=key in self._guarded_calls,
                             statement=key in self._statements, iterated=key in self._iterated,
                             conditional=self._conditions is not None, unpacked=unpacked,
                             on_parameter=self._on_parameter(node.func), settled=key in self._settled),
            conditions=self._conditions or (),
        ))


# What the walk does on entering each node type (the recorders and file rules come after).
# a future's methods that complete it, and those that then return at once
_SETTLING_METHODS = frozenset({"set_result", "set_exception"})
_SETTLED_METHODS = frozenset({"result", "exception"})

_ENTER = {
    ast.FunctionDef: FilePass._enter_function,
    ast.AsyncFunctionDef: FilePass._enter_function,
    ast.Lambda: FilePass._enter_lambda,
    ast.ClassDef: FilePass._enter_class,
    ast.Await: FilePass._enter_await,
    ast.Expr: FilePass._enter_expr,
    ast.Call: FilePass._enter_call,
    ast.Attribute: FilePass._enter_attribute,
    ast.If: FilePass._enter_if,
    ast.Assign: FilePass._enter_assignment,
    ast.AnnAssign: FilePass._enter_assignment,
    ast.AugAssign: FilePass._enter_aug_assign,
    ast.withitem: FilePass._enter_with_item,
    ast.For: FilePass._enter_for,
    ast.AsyncFor: FilePass._enter_for,
    ast.comprehension: FilePass._enter_for,
    ast.Return: FilePass._enter_return,
    ast.Import: FilePass._enter_import,
    ast.ImportFrom: FilePass._enter_import,
    ast.With: FilePass._enter_with,
    ast.Yield: FilePass._enter_yield,
    ast.YieldFrom: FilePass._enter_yield,
    ast.MatchAs: FilePass._enter_match_name,
    ast.MatchStar: FilePass._enter_match_name,
    ast.NamedExpr: FilePass._enter_named_expr,
}


def _done_test(test: ast.expr) -> tuple[str | None, bool]:
    """``fut.done()`` -> ``("fut", True)``, ``not fut.done()`` -> ``("fut", False)``."""
    holds = True
    if type(test) is ast.UnaryOp and type(test.op) is ast.Not:
        test, holds = test.operand, False
    if (type(test) is ast.Call and not test.args and type(test.func) is ast.Attribute
            and test.func.attr == "done"):
        return dotted(test.func.value), holds
    return None, holds


def _leaves(block: list[ast.stmt]) -> bool:
    """The block ends in `return` or `raise`: what follows it runs only without it."""
    return bool(block) and type(block[-1]) in (ast.Return, ast.Raise)


def _attribute_params(node: ast.FunctionDef | ast.AsyncFunctionDef,
                      params: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """``self.attr = param`` statements of a method's body: the attribute holds the argument."""
    if not params:
        return ()
    found = []
    for statement in node.body:
        t = type(statement)
        if t is ast.Assign:
            targets = statement.targets
        elif t is ast.AnnAssign:
            targets = [statement.target]
        else:
            continue
        value = statement.value
        if type(value) is not ast.Name or value.id not in params[1:]:
            continue
        for target in targets:
            if (type(target) is ast.Attribute and type(target.value) is ast.Name
                    and target.value.id == params[0]):
                found.append((target.attr, value.id))
    return tuple(found)


def _callee_text(func: ast.expr) -> str:
    text = dotted(func)
    if text:
        return text
    if type(func) is ast.Attribute:
        return f"(...).{func.attr}"
    return "(...)"


def _is_main_test(test: ast.expr, simple_string: Callable[[ast.expr], str | None]) -> bool:
    """``__name__ == "__main__"``, either way round, alone or as a term of ``and``."""
    if type(test) is ast.BoolOp and type(test.op) is ast.And:
        return any(_is_main_test(value, simple_string) for value in test.values)
    if type(test) is not ast.Compare or len(test.ops) != 1 or type(test.ops[0]) is not ast.Eq:
        return False
    sides = [test.left, test.comparators[0]]
    names = [s for s in sides if type(s) is ast.Name and s.id == "__name__"]
    strings = [s for s in sides if simple_string(s) == "__main__"]
    return len(names) == 1 and len(strings) == 1


def analyse(module: ast.Module, path: str, module_name: str, file_rules: Iterable, source: bytes) -> FileFacts:
    """The facts of one parsed file; ``source`` is what it was parsed from (literals are
    kept as written, columns counted in characters)."""
    return FilePass(module, path, module_name, tuple(file_rules), SourceText(source)).run()

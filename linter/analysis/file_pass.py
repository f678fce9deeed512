"""The per-file pass: one walk over a file's tree that resolves names and types
and records every call, function and class as ``FileFacts``.

Names are resolved as the walk goes (``resolver.py``), so the pass costs little more
than the parse.

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
)
from .modules import is_package
from .recorders import RECORDERS
from .resolver import Resolver, declared_or, element_of
from .type_names import element_type
from .scopes import UNKNOWN, Binding, Scope, bound_names, target_names
from .traversal import dotted, iter_nodes, walk

T = TypeVar("T")
_TYPE_CHECKING = python.TYPE_CHECKING
_STATIC_METHOD_DECORATORS = frozenset({python.STATICMETHOD})
_FILE_TYPES = python.FILE_TYPES
_CALLABLE_VALUES = (cst.Name, cst.Attribute, cst.Lambda)
_CONTAINER_PREFIXES = ("list[", "tuple[", "mapping[", "functools.partial[")


class FilePass(Resolver):
    """Walks one module: resolves names as it goes (``Resolver``), records the facts,
    and runs the fact recorders and file rules through one node-type table."""

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
        # iterables of sync `for` loops and comprehensions, with their type where known
        self._iterated: dict[int, str | None] = {}
        self._generators: set[int] = set()  # function indices whose body yields
        self._entered: set[int] = set()  # context managers of sync `with` statements
        self._not_read: set[int] = set()  # attributes called or assigned to: not property reads
        # calls in decorators and parameter defaults: made where the def runs, not by the function
        self._outer_calls: dict[int, int] = {}
        self._skipped_calls: set[int] = set()  # under `if TYPE_CHECKING:`
        self._guarded_calls: set[int] = set()  # under `if __name__ == "__main__":`
        # calls under an `if`/`else` of their function, with what the branches need (branches.py)
        self._branch_conditions: dict[int, tuple[Condition, ...]] = {}
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

    # --------------------------------------------------------------- walk
    def _enter(self, node: cst.CSTNode, index: int) -> None:
        self.index_of[id(node)] = index
        if self._iterated and self._iterated.get(id(node)):
            self._record_iteration(node, index)
        if self._entered and id(node) in self._entered:
            self._record_enter(node, index)
        t = type(node)
        handler = _ENTER.get(t)
        if handler is not None:
            handler(self, node, index)
        rules = self._rules_by_type.get(t)
        if rules:
            for rule in rules:
                rule.visit(self, node)

    # ------------------------------------------------------- node handlers
    def _enter_await(self, node: cst.Await, index: int) -> None:
        self._awaited.add(id(node.expression))

    def _enter_expr(self, node: cst.Expr, index: int) -> None:
        self._statements.add(id(node.value))

    def _enter_call(self, node: cst.Call, index: int) -> None:
        self._not_read.add(id(node.func))

    def _enter_attribute(self, node: cst.Attribute, index: int) -> None:
        """``self.remote_status`` reads an attribute that may be a property, whose getter
        runs here; the project pass keeps the reads that are."""
        if id(node) in self._not_read:
            return
        owner = self.type_of(node.value)
        if owner is not None and not owner.startswith(_CONTAINER_PREFIXES):
            self.facts.attribute_reads.append(CallSite(self.scope.function, index, dotted(node) or f"(...).{node.attr.value}",
                                                       receiver=catalogue.canonical(owner), method=node.attr.value,
                                                       attribute=True))

    def _enter_assignment(self, node: cst.Assign | cst.AnnAssign, index: int) -> None:
        targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
        self._not_read.update(id(t) for t in targets)
        if node.value is not None and isinstance(node.value, _CALLABLE_VALUES):
            for target in targets:
                self._record_callback_setter(target, node.value, index)
        if self.scope.kind != "module":  # the prescan bound module-level names
            self._bind_assignment(node, self.scope)

    def _record_callback_setter(self, target: cst.BaseExpression, value: cst.BaseExpression, index: int) -> None:
        """``client.on_message = self.handle`` on a library object: its setter receives the
        callable, as ``client.on_message(self.handle)`` would (the hand-off table says which
        of these run it in another thread)."""
        if not isinstance(target, cst.Attribute):
            return
        owner = self.type_of(target.value)
        if owner is None or owner == self.scope.cls or owner.startswith(_CONTAINER_PREFIXES):
            return
        self.facts.calls.append(CallSite(self.scope.function, index, f"{dotted(target) or target.attr.value} = {dotted(value) or '...'}",
                                         receiver=catalogue.canonical(owner), method=target.attr.value,
                                         args=(self.arg_ref(value),), attribute=True))

    def _enter_aug_assign(self, node: cst.AugAssign, index: int) -> None:
        if self.scope.kind != "module":
            for name in target_names(node.target):
                self.scope.names[name] = UNKNOWN

    def _enter_with_item(self, node: cst.WithItem, index: int) -> None:
        if node.asname is not None:
            item_type = self.type_of(node.item)
            for name in target_names(node.asname.name):
                self._bind_local(name, Binding(None, item_type))

    def _enter_for(self, node: cst.For | cst.CompFor, index: int) -> None:
        iterated = self.type_of(node.iter)
        if node.asynchronous is None:  # `async for` calls `__aiter__`, which never blocks
            self._iterated[id(node.iter)] = (python.STDIN if self.qualify(node.iter) == python.STDIN
                                             else iterated if element_of(iterated) is None else None)
        element = element_type(iterated) if isinstance(node.target, cst.Name) else element_of(iterated)
        for name in target_names(node.target):
            self._bind_local(name, Binding(None, element))

    def _enter_return(self, node: cst.Return, index: int) -> None:
        if self.scope.kind == "function" and node.value is not None:
            function = self.scope.function
            if function not in self._returns:
                returned = self.type_of(node.value)
                if returned:
                    self._returns[function] = returned

    def _enter_import(self, node: cst.Import | cst.ImportFrom, index: int) -> None:
        if self.scope.kind != "module":
            self._bind_import(node, self.scope)

    def _enter_with(self, node: cst.With, index: int) -> None:
        if node.asynchronous is None:
            self._entered.update(id(item.item) for item in node.items)

    def _enter_yield(self, node: cst.Yield, index: int) -> None:
        if self.scope.kind == "function":
            self._generators.add(self.scope.function)

    def _enter_match_name(self, node: cst.MatchAs | cst.MatchStar, index: int) -> None:
        if node.name is not None:
            self._bind_local(node.name.value, UNKNOWN)

    def _enter_named_expr(self, node: cst.NamedExpr, index: int) -> None:
        if self.scope.kind != "module":
            for name in target_names(node.target):
                self.scope.names[name] = Binding(None, self.type_of(node.value))

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

    def _enter_if(self, node: cst.If, index: int) -> None:
        test = node.test
        name = self.qualify(test) if isinstance(test, (cst.Name, cst.Attribute)) else None
        if name in _TYPE_CHECKING or (isinstance(test, cst.Name) and test.value == "TYPE_CHECKING"):
            self._skipped_calls.update(id(n) for _, n in iter_nodes(node.body) if type(n) is cst.Call)
        elif self.scope.kind == "module" and _is_main_test(test):
            self._guarded_calls.update(id(n) for _, n in iter_nodes(node.body) if type(n) is cst.Call)
        elif self.scope.kind == "function":
            self._note_branches(node)

    def _enter_block(self, node: cst.IndentedBlock, index: int) -> None:
        """After `if x is None: return`, the rest of the block runs only when the test
        is false: its calls need what the `else` of that `if` would."""
        if self.scope.kind != "function":
            return
        statements = node.body
        for position, statement in enumerate(statements):
            if (isinstance(statement, cst.If) and statement.orelse is None
                    and _leaves(statement.body) and position + 1 < len(statements)):
                self._note_branches(statement, [(cst.IndentedBlock(body=statements[position + 1:]), False)])

    def _note_branches(self, node: cst.If, branches: list | None = None) -> None:
        """Each call of the two branches gets what its branch needs of the inputs (an
        `elif` is an `If` of its own, entered later, which adds its own test)."""
        function = self.facts.functions[self.scope.function]
        params = set(function.params)
        owner = function.params[0] if function.cls and function.params else None

        def subject_of(expression: cst.BaseExpression) -> str | None:
            if isinstance(expression, cst.Name) and expression.value in params and expression.value != owner:
                return expression.value
            if (isinstance(expression, cst.Attribute) and isinstance(expression.value, cst.Name)
                    and expression.value.value == owner):
                return f"self.{expression.attr.value}"
            return None
        for branch, holds in branches or ((node.body, True), (node.orelse, False)):
            if branch is None:
                continue
            needed = conditions(node.test, holds, subject_of, self.qualify)
            for _, inner in iter_nodes(branch):
                if type(inner) is cst.Call:
                    key = id(inner)
                    self._branch_conditions[key] = self._branch_conditions.get(key, ()) + needed

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
        defaults = tuple((p.name.value, self.arg_ref(p.default)) for p in all_params if p.default is not None)
        facts = FunctionFacts(qualname, name, index, node.asynchronous is not None, "def",
                              outer.function, cls, decorators, param_names, defaults=defaults,
                              attribute_params=_attribute_params(node, param_names) if cls else ())
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
            if position == 0 and cls and param_type is None and python.CLASSMETHOD in decorators:
                # a classmethod's `cls` is the class: `cls(...)` makes an instance
                scope.names[param.name.value] = Binding(cls)
                continue
            if position == 0 and cls and param_type is None and not set(decorators) & _STATIC_METHOD_DECORATORS:
                param_type = cls  # self: calls on it are the class's methods
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
                        value_type = declared_or(declared, self.type_of(small.value) if small.value else None)
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
        # `self.db = self.client["hooks"]`: the attributes already seen type the next ones
        scope.names[self_name] = Binding(None, cls)
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
                value_type = declared_or(declared, self.type_of(value) if value is not None else None)
                if not value_type:
                    continue
                for target in targets:
                    # `self.parent, child = mp.Pipe()`: each element of the tuple
                    pairs = ([(e.value, element_type(value_type)) for e in target.elements]
                             if isinstance(target, (cst.Tuple, cst.List)) else [(target, value_type)])
                    for element, held in pairs:
                        if (held and isinstance(element, cst.Attribute)
                                and isinstance(element.value, cst.Name) and element.value.value == self_name
                                and element.attr.value not in attrs):
                            attrs[element.attr.value] = held
        finally:
            self.scopes.pop()

    def _record_iteration(self, node: cst.BaseExpression, index: int) -> None:
        """A sync ``for`` over a value calls its type's ``__iter__`` (a Django queryset runs
        its query, a project class's ``__iter__`` may block); over a file it reads line by
        line: a ``readline()`` each step."""
        text = f"{_callee_text(node.func)}()" if isinstance(node, cst.Call) else dotted(node) or "(...)"
        iterated = self._iterated[id(node)]
        if iterated == python.STDIN:
            call = CallSite(self.scope.function, index, f"{text}.readline", target=f"{python.STDIN}.readline")
        elif iterated in _FILE_TYPES:
            call = CallSite(self.scope.function, index, f"{text}.readline", receiver=iterated, method="readline")
        else:
            call = CallSite(self.scope.function, index, f"iter({text})", receiver=catalogue.canonical(iterated),
                            method="__iter__", iterated=True)
        self.facts.calls.append(call)

    def _record_enter(self, node: cst.BaseExpression, index: int) -> None:
        """`with Db() as conn:` calls `Db.__enter__` and, when the block ends, `Db.__exit__`:
        methods of the project that may block, or a library's (an executor's exit waits for
        its workers)."""
        owner = self.type_of(node)
        if owner is not None and "." in owner:
            for method in ("__enter__", "__exit__"):
                text = f"{owner.rsplit('.', 1)[-1]}.{method}"
                self.facts.calls.append(CallSite(self.scope.function, index, text, receiver=owner, method=method))

    def _on_parameter(self, func: cst.BaseExpression) -> bool:
        function = self.function
        return (function is not None and isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name)
                and func.value.value in function.params[1 if function.cls else 0:])

    def _record_call(self, node: cst.Call) -> None:
        key = id(node)
        if key in self._skipped_calls:
            return
        target, receiver, method = self.callee(node)
        args: list[ArgRef] = []
        kwargs: list[tuple[str, ArgRef]] = []
        positional_known = True
        unpacked = any(arg.star for arg in node.args)
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
            callee_node=self.index_of[id(node.func)],
            text=_callee_text(node.func),
            target=catalogue.canonical(target) if target else None,
            receiver=catalogue.canonical(receiver) if receiver else None,
            method=method,
            args=tuple(args),
            kwargs=tuple(kwargs),
            awaited=key in self._awaited,
            main_guarded=key in self._guarded_calls,
            statement=key in self._statements,
            iterated=key in self._iterated,
            conditional=key in self._branch_conditions,
            unpacked=unpacked,
            on_parameter=self._on_parameter(node.func),
            conditions=self._branch_conditions.get(key, ()),
        ))



# What the walk does on entering each node type (the recorders and file rules come after).
_ENTER = {
    cst.FunctionDef: FilePass._enter_function,
    cst.Lambda: FilePass._enter_lambda,
    cst.ClassDef: FilePass._enter_class,
    cst.Await: FilePass._enter_await,
    cst.Expr: FilePass._enter_expr,
    cst.Call: FilePass._enter_call,
    cst.Attribute: FilePass._enter_attribute,
    cst.If: FilePass._enter_if,
    cst.IndentedBlock: FilePass._enter_block,
    cst.Assign: FilePass._enter_assignment,
    cst.AnnAssign: FilePass._enter_assignment,
    cst.AugAssign: FilePass._enter_aug_assign,
    cst.WithItem: FilePass._enter_with_item,
    cst.For: FilePass._enter_for,
    cst.CompFor: FilePass._enter_for,
    cst.Return: FilePass._enter_return,
    cst.Import: FilePass._enter_import,
    cst.ImportFrom: FilePass._enter_import,
    cst.With: FilePass._enter_with,
    cst.Yield: FilePass._enter_yield,
    cst.MatchAs: FilePass._enter_match_name,
    cst.MatchStar: FilePass._enter_match_name,
    cst.NamedExpr: FilePass._enter_named_expr,
}

def _leaves(block: cst.BaseSuite) -> bool:
    """The block ends in `return` or `raise`: what follows it runs only without it."""
    last = block.body[-1] if isinstance(block, cst.IndentedBlock) and block.body else None
    if isinstance(block, cst.SimpleStatementSuite):
        last = cst.SimpleStatementLine(body=block.body)
    return isinstance(last, cst.SimpleStatementLine) and isinstance(last.body[-1], (cst.Return, cst.Raise))


def _attribute_params(node: cst.FunctionDef, params: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """``self.attr = param`` statements of a method's body: the attribute holds the argument."""
    if not params or not isinstance(node.body, cst.IndentedBlock):
        return ()
    found = []
    for statement in node.body.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            value = getattr(small, "value", None)
            targets = ([t.target for t in small.targets] if isinstance(small, cst.Assign)
                       else [small.target] if isinstance(small, cst.AnnAssign) else [])
            if not isinstance(value, cst.Name) or value.value not in params[1:]:
                continue
            for target in targets:
                if (isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name)
                        and target.value.value == params[0]):
                    found.append((target.attr.value, value.value))
    return tuple(found)


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

"""A fast, iterative walk over an ``ast`` tree that numbers the nodes.

The walk is iterative, so a 20,000-term expression or deeply nested brackets cannot
exhaust the recursion limit. The order is fixed, so the index of a node is the same in
every walk of the same source: the per-file pass records indices. It is also the
source order, which ``ast``'s field order is not everywhere (decorators come after a
function's body there, an ``if``-expression's test before its body, a dict's keys apart
from their values): the exceptions are spelled out in ``_CHILDREN``. The project pass
relies on it (a fork before a thread start, an outer call before the inner one).
"""

from __future__ import annotations

import ast
from typing import Callable, Iterable, Iterator

# fields that never hold a child worth visiting: names as strings, operators, contexts
_NOT_CHILDREN = frozenset({
    "ctx", "op", "ops", "id", "attr", "arg", "module", "level", "kind", "type_comment",
    "is_async", "conversion", "simple", "tag", "type_ignores", "kwd_attrs", "rest", "asname",
})


def _fields(node_type: type) -> tuple[str, ...]:
    excluded = set(_NOT_CHILDREN)
    if node_type is not getattr(ast, "TypeAlias", None):
        excluded.add("name")  # a string everywhere but in `type X = ...`
    if node_type in (ast.Global, ast.Nonlocal):
        excluded.add("names")
    if node_type in (ast.Constant, ast.MatchSingleton):
        excluded.add("value")
    return tuple(name for name in node_type._fields if name not in excluded)


def _in_order(*groups) -> list:
    """Nodes of several fields merged by where they start (``f(*a, k=1)``, ``f(k=1, *a)``)."""
    merged = [node for group in groups for node in group]
    merged.sort(key=lambda node: (node.lineno, node.col_offset))
    return merged


def _call_children(node: ast.Call) -> list:
    if node.keywords and node.args:
        return [node.func, *_in_order(node.args, node.keywords)]
    return [node.func, *node.args, *node.keywords]


def _class_children(node: ast.ClassDef) -> list:
    bases = _in_order(node.bases, node.keywords) if node.bases and node.keywords else [*node.bases, *node.keywords]
    return [*node.decorator_list, *getattr(node, "type_params", ()), *bases, *node.body]


def _function_children(node) -> list:
    returns = [node.returns] if node.returns is not None else []
    return [*node.decorator_list, *getattr(node, "type_params", ()), node.args, *returns, *node.body]


def _arguments_children(node: ast.arguments) -> list:
    """Each parameter followed by its default, as written."""
    positional = [*node.posonlyargs, *node.args]
    first_default = len(positional) - len(node.defaults)
    out: list = []
    for position, param in enumerate(positional):
        out.append(param)
        if position >= first_default:
            out.append(node.defaults[position - first_default])
    if node.vararg is not None:
        out.append(node.vararg)
    for param, default in zip(node.kwonlyargs, node.kw_defaults):
        out.append(param)
        if default is not None:
            out.append(default)
    if node.kwarg is not None:
        out.append(node.kwarg)
    return out


def _dict_children(node: ast.Dict) -> list:
    out: list = []
    for key, value in zip(node.keys, node.values):
        if key is not None:
            out.append(key)
        out.append(value)
    return out


_CHILDREN: dict[type, Callable[[ast.AST], list]] = {
    ast.Call: _call_children,
    ast.ClassDef: _class_children,
    ast.FunctionDef: _function_children,
    ast.AsyncFunctionDef: _function_children,
    ast.arguments: _arguments_children,
    ast.Dict: _dict_children,
    ast.IfExp: lambda node: [node.body, node.test, node.orelse],
}

_FIELDS: dict[type, tuple[str, ...]] = {}


def child_nodes(node: ast.AST) -> list:
    """The node's children, in source order."""
    node_type = type(node)
    special = _CHILDREN.get(node_type)
    if special is not None:
        return special(node)
    names = _FIELDS.get(node_type)
    if names is None:
        names = _FIELDS[node_type] = _fields(node_type)
    out: list = []
    for name in names:
        value = getattr(node, name)
        if value is None:
            continue
        if type(value) is list:
            out.extend(item for item in value if item is not None)
        else:
            out.append(value)
    return out


_LEAVE = object()


def walk(
    root: ast.AST,
    enter: Callable[[ast.AST, int], None],
    leave: Callable[[ast.AST], None],
    leave_types: frozenset[type] = frozenset(),
) -> int:
    """Call ``enter(node, index)`` on every node in order, ``leave(node)`` after the
    children of nodes whose type is in ``leave_types``. Returns the node count."""
    stack: list = [root]
    index = 0
    pop = stack.pop
    push = stack.append
    while stack:
        node = pop()
        if node is _LEAVE:
            leave(pop())
            continue
        enter(node, index)
        index += 1
        if type(node) in leave_types:
            push(node)
            push(_LEAVE)
        children = child_nodes(node)
        children.reverse()
        stack.extend(children)
    return index


def iter_nodes(root: ast.AST) -> Iterator[tuple[int, ast.AST]]:
    """``(index, node)`` in the same order and numbering as ``walk``."""
    stack = [root]
    index = 0
    while stack:
        node = stack.pop()
        yield index, node
        index += 1
        children = child_nodes(node)
        children.reverse()
        stack.extend(children)


def nodes_in(roots: Iterable[ast.AST]) -> Iterator[ast.AST]:
    """Every node under each of ``roots`` (a block's statements), themselves included."""
    stack = list(roots)
    stack.reverse()
    while stack:
        node = stack.pop()
        yield node
        children = child_nodes(node)
        children.reverse()
        stack.extend(children)


def calls_in(roots: Iterable[ast.AST]) -> Iterator[ast.Call]:
    return (node for node in nodes_in(roots) if type(node) is ast.Call)


def dotted(node: ast.expr) -> str | None:
    """``a.b.c`` as a string, for Name/Attribute chains."""
    parts = []
    while type(node) is ast.Attribute:
        parts.append(node.attr)
        node = node.value
    if type(node) is ast.Name:
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


NESTED_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
FUNCTION_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)


def own_nodes(roots: Iterable[ast.AST]) -> Iterator[ast.AST]:
    """Every node under ``roots`` (themselves included) outside nested scopes: the code of
    one function body without the functions, lambdas and classes nested in it (their code
    runs at another time, or in another frame)."""
    stack = list(roots)
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, NESTED_SCOPES):
            stack.extend(child_nodes(node))


def may_name(func: ast.expr, name: str) -> bool:
    """Cheap filter before resolving a callee: ``x.name`` or a bare name (an
    alias such as ``gel`` can only be told by resolving it)."""
    t = type(func)
    return t is ast.Name or (t is ast.Attribute and func.attr == name)


def first_argument(call: ast.Call) -> ast.expr | None:
    """The value of the call's first argument as written (``f(k=1, *rest)``: ``1``)."""
    first = call.args[0] if call.args else None
    keyword = call.keywords[0] if call.keywords else None
    if keyword is not None and (first is None or
                                (keyword.lineno, keyword.col_offset) < (first.lineno, first.col_offset)):
        return keyword.value
    return first.value if type(first) is ast.Starred else first


# statement-list fields of compound statements: the blocks of code under them
BLOCK_FIELDS: dict[type, tuple[str, ...]] = {
    ast.FunctionDef: ("body",),
    ast.AsyncFunctionDef: ("body",),
    ast.ClassDef: ("body",),
    ast.With: ("body",),
    ast.AsyncWith: ("body",),
    ast.If: ("body", "orelse"),
    ast.For: ("body", "orelse"),
    ast.AsyncFor: ("body", "orelse"),
    ast.While: ("body", "orelse"),
    ast.Try: ("body", "orelse", "finalbody"),
    ast.ExceptHandler: ("body",),
    ast.match_case: ("body",),
}
if hasattr(ast, "TryStar"):
    BLOCK_FIELDS[ast.TryStar] = ("body", "orelse", "finalbody")
TRIES = tuple(t for t in BLOCK_FIELDS if "handlers" in t._fields)


def nested_statements(node: ast.AST) -> list[ast.AST]:
    """The statements directly under a compound statement, in source order, an ``except``
    clause and a ``case`` counted as statements."""
    t = type(node)
    if t is ast.Match:
        return list(node.cases)
    fields = BLOCK_FIELDS.get(t)
    if fields is None:
        return []
    nested = [child for name in fields for child in getattr(node, name)]
    if t in TRIES:  # the handlers come between the body and the else
        nested[len(node.body):len(node.body)] = node.handlers
    return nested


def statements_in(body: list[ast.stmt], into_scopes: bool = True) -> Iterator[ast.AST]:
    """The statements of a block and of the blocks under it, in source order, without
    walking any expression; with ``into_scopes`` False, a nested def or class is yielded
    but not entered."""
    stack = list(body)
    stack.reverse()
    while stack:
        node = stack.pop()
        yield node
        if into_scopes or type(node) not in NESTED_SCOPES:
            nested = nested_statements(node)
            nested.reverse()
            stack.extend(nested)


# statements, and what the walk treats as one: an `except` clause, a `case`
STATEMENTS = frozenset({*(t for t in vars(ast).values() if isinstance(t, type) and issubclass(t, ast.stmt)),
                        ast.ExceptHandler, ast.match_case})


class Block:
    """A block of statements (a body, an ``else:``, a ``finally:``), entered by the walk
    after the statement it belongs to, so recorders and rules can ask for it by type."""

    __slots__ = ("body",)

    def __init__(self, body: list[ast.stmt]):
        self.body = body


def lines_of(block: list[ast.stmt]) -> list[list[ast.stmt]]:
    """The block's statements grouped by the line they share (``a(); b()``)."""
    grouped: list[list[ast.stmt]] = []
    last_line = -1
    for statement in block:
        if grouped and statement.lineno == last_line:
            grouped[-1].append(statement)
        else:
            grouped.append([statement])
        last_line = statement.end_lineno
    return grouped

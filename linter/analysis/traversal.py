"""A fast, iterative walk over a libcst tree that numbers the nodes.

libcst's own visitor dispatch and ``node.children`` cost as much as parsing;
walking the dataclass fields directly and skipping whitespace and punctuation
is about eight times faster. The walk is iterative, so a 15,000-line
expression (``pydoc_data/topics.py``) cannot exhaust the recursion limit.

The order is fixed, so the index of a node is the same in every walk of the
same source: the per-file pass records indices, and positions are computed
later, only where something is reported. It is also the source order
(``positions.py`` relies on that for calls), which libcst's field order is not
everywhere: the exceptions are spelled out in ``_ORDER``.
"""

from __future__ import annotations

import dataclasses
from typing import Callable, Iterator

import libcst as cst

_SYNTAX = (
    cst.BaseParenthesizableWhitespace,
    cst.Comma,
    cst.Dot,
    cst.LeftParen,
    cst.RightParen,
    cst.LeftSquareBracket,
    cst.RightSquareBracket,
    cst.LeftCurlyBrace,
    cst.RightCurlyBrace,
    cst.Colon,
    cst.AssignEqual,
    cst.Semicolon,
    cst.Newline,
    cst.TrailingWhitespace,
    cst.EmptyLine,
    cst.Comment,
    cst.Asynchronous,
    cst.BaseBinaryOp,
    cst.BaseBooleanOp,
    cst.BaseCompOp,
    cst.BaseUnaryOp,
    cst.BaseAugOp,
    cst.ImportStar,
    cst.ParamSlash,
    cst.ParamStar,
)

# Source order for the nodes whose dataclass field order differs from it.
_ORDER = {
    cst.FunctionDef: ("decorators", "name", "type_parameters", "params", "returns", "body"),
    cst.ClassDef: ("decorators", "name", "type_parameters", "bases", "keywords", "body"),
    cst.IfExp: ("body", "test", "orelse"),
    cst.ExceptHandler: ("type", "name", "body"),
    cst.ExceptStarHandler: ("type", "name", "body"),
    cst.Parameters: ("posonly_params", "params", "star_arg", "kwonly_params", "star_kwarg"),
}

_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(node_type: type) -> tuple[str, ...]:
    names = _FIELDS.get(node_type)
    if names is None:
        names = _ORDER.get(node_type) or tuple(
            f.name
            for f in dataclasses.fields(node_type)
            if not f.name.startswith("whitespace") and f.name not in ("lpar", "rpar", "leading_lines")
        )
        _FIELDS[node_type] = names
    return names


# per concrete type: True for a meaningful node, False for syntax or a non-node.
# isinstance against libcst's abstract bases goes through ABCMeta and costs more
# than the rest of the walk together; a dict look-up per type does not.
_IS_NODE: dict[type, bool] = {}


def _is_node(value_type: type) -> bool:
    known = _IS_NODE.get(value_type)
    if known is None:
        known = _IS_NODE[value_type] = issubclass(value_type, cst.CSTNode) and not issubclass(value_type, _SYNTAX)
    return known


def child_nodes(node: cst.CSTNode) -> list[cst.CSTNode]:
    """The node's children that carry meaning, in source order."""
    out: list[cst.CSTNode] = []
    is_node = _IS_NODE
    for name in _fields(type(node)):
        value = getattr(node, name)
        value_type = type(value)
        if value_type is tuple or value_type is list:
            for item in value:
                flag = is_node.get(type(item))
                if flag or (flag is None and _is_node(type(item))):
                    out.append(item)
        else:
            flag = is_node.get(value_type)
            if flag or (flag is None and _is_node(value_type)):
                out.append(value)
    return out


_LEAVE = object()


def walk(
    root: cst.CSTNode,
    enter: Callable[[cst.CSTNode, int], None],
    leave: Callable[[cst.CSTNode], None],
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


def iter_nodes(root: cst.CSTNode) -> Iterator[tuple[int, cst.CSTNode]]:
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


def dotted(node: cst.BaseExpression) -> str | None:
    """``a.b.c`` as a string, for Name/Attribute chains."""
    parts = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if isinstance(node, cst.Name):
        parts.append(node.value)
        return ".".join(reversed(parts))
    return None


NESTED_SCOPES = (cst.FunctionDef, cst.Lambda, cst.ClassDef)


def own_nodes(root: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """Every node under ``root`` (itself included) outside nested scopes: the code of one
    function body without the functions, lambdas and classes nested in it (their code runs
    at another time, or in another frame)."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        if node is root or not isinstance(node, NESTED_SCOPES):
            stack.extend(child_nodes(node))


def may_name(func: cst.BaseExpression, name: str) -> bool:
    """Cheap filter before resolving a callee: ``x.name`` or a bare name (an
    alias such as ``gel`` can only be told by resolving it)."""
    t = type(func)
    return t is cst.Name or (t is cst.Attribute and func.attr.value == name)

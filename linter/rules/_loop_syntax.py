"""Syntax helpers the LS2 file rules share: the code of one function body
without the functions, lambdas and classes nested in it (their code runs
at another time, or in another frame)."""

from __future__ import annotations

from typing import Callable, Iterator, TypeVar

import libcst as cst

from ..analysis.traversal import child_nodes

NESTED_SCOPES = (cst.FunctionDef, cst.Lambda, cst.ClassDef)

T = TypeVar("T")


def file_state(ctx, key: str, make: Callable[[], T]) -> T:
    """A file rule's working state for the file being walked, kept on the walk
    itself: rules are shared singletons, and two files may be linted at once
    (an editor calling ``lint_source`` from several threads)."""
    state = vars(ctx)
    if key not in state:
        state[key] = make()
    return state[key]


def own_nodes(root: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """Every node under ``root`` (itself included) outside nested scopes."""
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

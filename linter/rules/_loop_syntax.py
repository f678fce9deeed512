"""Syntax helpers the LS2 file rules share: the code of one function body
without the functions, lambdas and classes nested in it (their code runs
at another time, or in another frame)."""

from __future__ import annotations

from typing import Iterator

import libcst as cst

from ..analysis.traversal import child_nodes

NESTED_SCOPES = (cst.FunctionDef, cst.Lambda, cst.ClassDef)


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

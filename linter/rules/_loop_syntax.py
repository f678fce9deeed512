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

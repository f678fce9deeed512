"""Name bindings and scopes, as Python's own rules define them.

A name inside a function is local when the function binds it anywhere
(assignment, import, def, parameter, for/with target...) unless it is declared
``global``/``nonlocal``; class bodies are not visible from their methods. That
is what keeps ``def f(sleep): sleep(1)`` and a local ``def sleep()`` from being
taken for ``time.sleep``.
"""

from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass, field
from typing import Iterator

from .traversal import child_nodes, nodes_in, statements_in

BUILTINS = frozenset(dir(builtins))


@dataclass(frozen=True)
class Binding:
    """What a name holds: ``ref`` the qualified name it stands for (a module,
    function, class, or an alias such as ``nap`` for ``time.sleep``), ``type``
    the type of the instance it holds, when known."""

    ref: str | None = None
    type: str | None = None


UNKNOWN = Binding()


@dataclass
class Scope:
    kind: str  # "module", "function", "class"
    prefix: str  # qualname prefix for what is defined inside
    function: int  # index of the FunctionFacts whose calls this scope's code makes
    names: dict[str, Binding] = field(default_factory=dict)
    local_names: frozenset[str] = frozenset()
    global_names: frozenset[str] = frozenset()
    cls: str | None = None  # for a method's scope: the class qualname


def target_names(target: ast.expr) -> list[str]:
    """Names bound by an assignment target (``a``, ``a, (b, *c)``)."""
    out: list[str] = []
    stack = [target]
    while stack:
        node = stack.pop()
        t = type(node)
        if t is ast.Name:
            out.append(node.id)
        elif t is ast.Tuple or t is ast.List:
            stack.extend(reversed(node.elts))
        elif t is ast.Starred:
            stack.append(node.value)
    return out


def import_binding_name(alias: ast.alias) -> str | None:
    """The local name an import alias binds: ``import a.b`` binds ``a``."""
    if alias.asname is not None:
        return alias.asname
    return alias.name.partition(".")[0] or None


_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_TARGETS = {ast.AnnAssign: "target", ast.AugAssign: "target", ast.For: "target", ast.AsyncFor: "target",
            ast.NamedExpr: "target", ast.withitem: "optional_vars"}
_MATCH_NAMES = (ast.MatchAs, ast.MatchStar)


def bound_names(body: list[ast.stmt], expressions: bool = True) -> tuple[set[str], set[str]]:
    """Names bound in a function body (not in nested scopes), and names declared
    ``global`` there. A ``nonlocal`` name is neither: it is looked up outwards.
    ``expressions``: whether an expression may bind one (``:=``); when the file has no
    ``:=``, only statements are looked at, which is most of the cost saved."""
    bound: set[str] = set()
    declared: set[str] = set()
    nonlocal_names: set[str] = set()
    for node in (_binders(body) if expressions else _statement_binders(body)):
        t = type(node)
        if t in _DEFINITIONS:
            bound.add(node.name)
        elif t is ast.Assign:
            for target in node.targets:
                bound.update(target_names(target))
        elif t in _TARGETS:
            target = getattr(node, _TARGETS[t])
            if target is not None:
                bound.update(target_names(target))
        elif t is ast.alias:
            name = import_binding_name(node)
            if name:
                bound.add(name)
        elif t is ast.Global:
            declared.update(node.names)
        elif t is ast.Nonlocal:  # bound in an enclosing function: not local here either
            nonlocal_names.update(node.names)
        elif (t is ast.ExceptHandler or t in _MATCH_NAMES) and node.name is not None:
            bound.add(node.name)
    return bound - declared - nonlocal_names, declared


def _binders(body: list[ast.stmt]) -> Iterator[ast.AST]:
    """Every node of the body outside nested scopes, lambdas and comprehensions (a
    nested def itself and its decorators included)."""
    stack = list(body)
    while stack:
        node = stack.pop()
        t = type(node)
        yield node
        if t in _DEFINITIONS:
            stack.extend(node.decorator_list)
        elif t is not ast.Lambda and t not in _COMPREHENSIONS:
            stack.extend(child_nodes(node))


def _statement_binders(body: list[ast.stmt]) -> Iterator[ast.AST]:
    """What can bind a name when no expression can: statements, ``with`` items, import
    aliases, ``except`` clauses and ``case`` patterns, outside nested scopes."""
    for node in statements_in(body, into_scopes=False):
        yield node
        t = type(node)
        if t is ast.With or t is ast.AsyncWith:
            yield from node.items
        elif t is ast.Import or t is ast.ImportFrom:
            yield from node.names
        elif t is ast.match_case:
            yield from nodes_in([node.pattern])

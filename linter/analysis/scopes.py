"""Name bindings and scopes, as Python's own rules define them.

A name inside a function is local when the function binds it anywhere
(assignment, import, def, parameter, for/with target...) unless it is declared
``global``/``nonlocal``; class bodies are not visible from their methods. That
is what keeps ``def f(sleep): sleep(1)`` and a local ``def sleep()`` from being
taken for ``time.sleep``.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field

import libcst as cst

from .traversal import child_nodes

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


def target_names(target: cst.BaseExpression) -> list[str]:
    """Names bound by an assignment target (``a``, ``a, (b, *c)``)."""
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        out: list[str] = []
        for element in target.elements:
            out.extend(target_names(element.value))
        return out
    if isinstance(target, cst.StarredElement):
        return target_names(target.value)
    return []


def import_binding_name(alias: cst.ImportAlias) -> str | None:
    """The local name an import alias binds: ``import a.b`` binds ``a``."""
    if alias.asname is not None:
        name = alias.asname.name
        return name.value if isinstance(name, cst.Name) else None
    node = alias.name
    while isinstance(node, cst.Attribute):
        node = node.value
    return node.value if isinstance(node, cst.Name) else None


_NEW_SCOPE = (cst.FunctionDef, cst.ClassDef, cst.Lambda)
_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)


def bound_names(body: cst.CSTNode) -> tuple[set[str], set[str]]:
    """Names bound in a function body (not in nested scopes), and names declared
    ``global`` there. A ``nonlocal`` name is neither: it is looked up outwards."""
    bound: set[str] = set()
    declared: set[str] = set()
    nonlocal_names: set[str] = set()
    stack = child_nodes(body)
    while stack:
        node = stack.pop()
        t = type(node)
        if t in (cst.FunctionDef, cst.ClassDef):
            bound.add(node.name.value)
            stack.extend(node.decorators)
            continue
        if t is cst.Lambda or t in _COMPREHENSIONS:
            continue
        if t is cst.AssignTarget:
            bound.update(target_names(node.target))
        elif t in (cst.AnnAssign, cst.AugAssign):
            bound.update(target_names(node.target))
        elif t is cst.For:
            bound.update(target_names(node.target))
        elif t is cst.AsName:
            bound.update(target_names(node.name))
        elif t is cst.NamedExpr:
            bound.update(target_names(node.target))
        elif t is cst.ImportAlias:
            name = import_binding_name(node)
            if name:
                bound.add(name)
            continue
        elif t is cst.Global:
            declared.update(n.name.value for n in node.names)
            continue
        elif t is cst.Nonlocal:  # bound in an enclosing function: not local here either
            nonlocal_names.update(n.name.value for n in node.names)
            continue
        elif t in (cst.MatchAs, cst.MatchStar) and node.name is not None:
            bound.add(node.name.value)
        stack.extend(child_nodes(node))
    return bound - declared - nonlocal_names, declared

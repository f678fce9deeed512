"""Conditions on a function's inputs that a call sits under, and whether a caller's
arguments can meet them.

``open(path)`` under ``elif isinstance(self.log_config, str)`` blocks only for callers
that pass a string: a caller passing a dict, a ``BytesIO`` or nothing (a dict default)
never reaches it. The per-file pass records, for each call, the *necessary* conditions
of the ``if``/``elif``/``else`` branches around it that test a parameter or an attribute
of ``self`` (``Condition``); the project pass (``project.py``) decides them against
each caller's arguments while it propagates blocking, refusing the calls that cannot
take the branch and lowering the confidence of those it cannot decide.
"""

from __future__ import annotations

import ast
from typing import Callable, Iterable

from ..catalogue import python
from .facts import ArgRef, Condition

_STR = python.STR
_NONE = python.NONE_TYPE
_STRING_TESTS = frozenset({"endswith", "startswith"})  # methods only a str (or bytes) has
# `==` / `in` and whether it asks for equality (`!=` / `not in`: inequality)
_EQUALITY = {ast.Eq: True, ast.In: True, ast.NotEq: False, ast.NotIn: False}
_LITERALS = (str, bytes, int, float)  # of a literal's value (a bool is no literal here: `True` is a name)
_UNKNOWN = object()


def conditions(test: ast.expr, holds: bool, subject_of: Callable[[ast.expr], str | None],
               qualify: Callable[[ast.expr], str | None],
               segment: Callable[[ast.expr], str]) -> tuple[Condition, ...]:
    """What must be true of the function's inputs for ``test`` to evaluate to ``holds``:
    only what follows for sure (``A and B`` true needs both; ``A or B`` true needs neither).
    ``segment`` gives a node's source text (literals are kept as written)."""
    t = type(test)
    if t is ast.UnaryOp and type(test.op) is ast.Not:
        return conditions(test.operand, not holds, subject_of, qualify, segment)
    if t is ast.BoolOp:
        both = (type(test.op) is ast.And) == holds  # `A and B` true, `A or B` false
        if not both:
            return ()
        return tuple(c for value in test.values for c in conditions(value, holds, subject_of, qualify, segment))
    if t is ast.Call and type(test.func) is ast.Name and len(test.args) == 2 and not test.keywords:
        if test.func.id == "isinstance":
            subject = subject_of(test.args[0])
            types = _type_names(test.args[1], qualify)
            return (Condition(subject, types, holds),) if subject and types else ()
    if holds and t is ast.Call and type(test.func) is ast.Attribute and test.func.attr in _STRING_TESTS:
        subject = subject_of(test.func.value)
        return (Condition(subject, (_STR, python.BYTES)),) if subject else ()
    if t is ast.Compare and len(test.ops) == 1:
        comparator = test.comparators[0]
        operator = type(test.ops[0])
        if type(comparator) is ast.Constant and comparator.value is None and operator in (ast.Is, ast.IsNot):
            subject = subject_of(test.left)
            is_none = (operator is ast.Is) == holds
            return (Condition(subject, (_NONE,), is_none),) if subject else ()
        equal = _EQUALITY.get(operator)
        if equal is not None:
            many = operator is ast.In or operator is ast.NotIn
            left, right = test.left, comparator
            if not many and subject_of(left) is None:
                left, right = right, left  # `"localhost" == host`
            subject, values = subject_of(left), _literal_texts(right, many, segment)
            return (Condition(subject, (), equal == holds, values),) if subject and values else ()
    if holds and subject_of(test):  # `if path:` — not None at least
        return (Condition(subject_of(test), (_NONE,), False),)
    return ()


def _literal_texts(node: ast.expr, many: bool, segment: Callable[[ast.expr], str]) -> tuple[str, ...]:
    """The source text of a literal (or, for ``in``, of a tuple/list/set of literals);
    () when any element is not a literal."""
    elements = (node.elts if many and type(node) in (ast.Tuple, ast.List, ast.Set)
                else [] if many else [node])
    if not elements or not all(type(e) is ast.Constant and type(e.value) in _LITERALS for e in elements):
        return ()
    texts = tuple(segment(e) for e in elements)
    return texts if all(_literal_value(t) is not _UNKNOWN for t in texts) else ()


def _literal_value(text: str) -> object:
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return _UNKNOWN


def _type_names(node: ast.expr, qualify: Callable[[ast.expr], str | None]) -> tuple[str, ...]:
    elements = node.elts if type(node) is ast.Tuple else [node]
    names = [qualify(e) for e in elements]
    return tuple(names) if all(names) else ()  # one unknown type: nothing follows


def literal_type(arg: ArgRef) -> str | None:
    """The type of a literal argument: ``"x.json"`` is a str, ``None`` a NoneType."""
    text = arg.value
    if text == "None":
        return _NONE
    if text in ("True", "False"):
        return python.BOOL
    if text[:1] in "\"'" or text[:2].lower() in ("r'", 'r"', "f'", 'f"'):
        return _STR
    if text[:2].lower() in ("b'", 'b"'):
        return python.BYTES
    if text[:1].isdigit() or text[:1] in "-.":
        return python.FLOAT if any(c in text for c in ".eE") and not text.startswith("0x") else python.INT
    return None


def value_type(arg: ArgRef) -> str | None:
    if arg.kind == "literal":
        return literal_type(arg)
    return arg.type if arg.type and "::" not in arg.type else None


def decide(condition: Condition, arg: ArgRef, ancestry: Callable[[str], Iterable[str]],
           closed: Callable[[str], bool]) -> bool | None:
    """Whether an argument meets the condition: True, False, or None when its type is not
    known well enough. ``ancestry(t)`` lists ``t`` and its bases; ``closed(t)`` says the
    list is complete (a class of the project or of the catalogue), so a miss is a no."""
    if condition.values:
        value = _literal_value(arg.value) if arg.kind == "literal" else _UNKNOWN
        if value is _UNKNOWN:
            return None
        return any(value == _literal_value(v) for v in condition.values) == condition.holds
    found = value_type(arg)
    if found is None:
        return None
    ancestors = set(ancestry(found))
    if ancestors & set(condition.types):
        return condition.holds
    if found in python.CLOSED_TYPES or closed(found):
        return not condition.holds
    return None

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

import libcst as cst

from ..catalogue import python
from .facts import ArgRef, Condition

_STR = python.STR
_NONE = python.NONE_TYPE
_STRING_TESTS = frozenset({"endswith", "startswith"})  # methods only a str (or bytes) has
# `==` / `in` and whether it asks for equality (`!=` / `not in`: inequality)
_EQUALITY = {cst.Equal: True, cst.In: True, cst.NotEqual: False, cst.NotIn: False}
_LITERALS = (cst.SimpleString, cst.Integer, cst.Float, cst.ConcatenatedString)
_UNKNOWN = object()


def conditions(test: cst.BaseExpression, holds: bool, subject_of: Callable[[cst.BaseExpression], str | None],
               qualify: Callable[[cst.BaseExpression], str | None]) -> tuple[Condition, ...]:
    """What must be true of the function's inputs for ``test`` to evaluate to ``holds``:
    only what follows for sure (``A and B`` true needs both; ``A or B`` true needs neither)."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        return conditions(test.expression, not holds, subject_of, qualify)
    if isinstance(test, cst.BooleanOperation):
        both = isinstance(test.operator, cst.And) == holds  # `A and B` true, `A or B` false
        if not both:
            return ()
        return (conditions(test.left, holds, subject_of, qualify)
                + conditions(test.right, holds, subject_of, qualify))
    if isinstance(test, cst.Call) and isinstance(test.func, cst.Name) and len(test.args) == 2:
        if test.func.value == "isinstance":
            subject = subject_of(test.args[0].value)
            types = _type_names(test.args[1].value, qualify)
            return (Condition(subject, types, holds),) if subject and types else ()
    if (holds and isinstance(test, cst.Call) and isinstance(test.func, cst.Attribute)
            and test.func.attr.value in _STRING_TESTS):
        subject = subject_of(test.func.value)
        return (Condition(subject, (_STR, python.BYTES)),) if subject else ()
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        comparison = test.comparisons[0]
        if (isinstance(comparison.comparator, cst.Name) and comparison.comparator.value == "None"
                and isinstance(comparison.operator, (cst.Is, cst.IsNot))):
            subject = subject_of(test.left)
            is_none = isinstance(comparison.operator, cst.Is) == holds
            return (Condition(subject, (_NONE,), is_none),) if subject else ()
        equal = _EQUALITY.get(type(comparison.operator))
        if equal is not None:
            many = isinstance(comparison.operator, (cst.In, cst.NotIn))
            left, right = test.left, comparison.comparator
            if not many and subject_of(left) is None:
                left, right = right, left  # `"localhost" == host`
            subject, values = subject_of(left), _literal_texts(right, many)
            return (Condition(subject, (), equal == holds, values),) if subject and values else ()
    if holds and subject_of(test):  # `if path:` — not None at least
        return (Condition(subject_of(test), (_NONE,), False),)
    return ()


def _literal_texts(node: cst.BaseExpression, many: bool) -> tuple[str, ...]:
    """The source text of a literal (or, for ``in``, of a tuple/list/set of literals);
    () when any element is not a literal."""
    elements = ([e.value for e in node.elements] if many and isinstance(node, (cst.Tuple, cst.List, cst.Set))
                else [] if many else [node])
    if not elements or not all(isinstance(e, _LITERALS) for e in elements):
        return ()
    texts = tuple(cst.Module([]).code_for_node(e) for e in elements)
    return texts if all(_literal_value(t) is not _UNKNOWN for t in texts) else ()


def _literal_value(text: str) -> object:
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return _UNKNOWN


def _type_names(node: cst.BaseExpression, qualify: Callable[[cst.BaseExpression], str | None]) -> tuple[str, ...]:
    elements = [e.value for e in node.elements] if isinstance(node, cst.Tuple) else [node]
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

"""How the per-file pass spells a type it cannot finish, for the project pass to resolve.

A file sees ``self.fetch(url).json()`` but not what ``fetch`` returns when ``fetch`` is a
method of another module's class, or a property, or a ``functools.partial`` stored on the
instance. The pass then writes the rest of the way as steps after the known part, and the
project pass (``Project.resolve_type``) walks them with every file's facts at hand:

``T::attr``
    the attribute ``attr`` of a ``T`` (a property's result, a class attribute);
``T::m()``
    what calling the method ``m`` of a ``T`` returns;
``T::[]``
    what subscribing a ``T`` gives (its ``__getitem__``; an element of a container);
``T::*``
    an element of a ``T`` as iteration or unpacking gives it.

Containers are ``list[T]`` (also tuples and sets: what iterating gives), ``mapping[T]``
(a dict whose values are ``T``: subscription gives ``T``, iteration the keys) and
``functools.partial[name]`` (calling one calls ``name``, a function's qualified name or
``type.method``).
"""

from __future__ import annotations

SEPARATOR = "::"
SUBSCRIPT = "[]"
ELEMENT = "*"
_PARTIAL = "functools.partial["


def step(owner: str, name: str) -> str:
    """``owner`` followed by one step (an attribute, ``m()``, ``[]`` or ``*``)."""
    return f"{owner}{SEPARATOR}{name}"


def steps(type_name: str) -> list[str]:
    """The head of a type name and its steps. Brackets are kept whole: the steps of
    ``list[a::b]`` are none (its element is resolved when an element is taken)."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(type_name):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif depth == 0 and type_name.startswith(SEPARATOR, index) and index >= start:
            parts.append(type_name[start:index])
            start = index + len(SEPARATOR)
    parts.append(type_name[start:])
    return parts


def _inner(container: str | None, *prefixes: str) -> str | None:
    if container and container.endswith("]"):
        for prefix in prefixes:
            if container.startswith(prefix):
                return container[len(prefix):-1]
    return None


def element_of(container: str | None) -> str | None:
    """``list[T]`` / ``tuple[T]`` -> ``T``: what iterating or unpacking the container gives."""
    return _inner(container, "list[", "tuple[")


def element_type(container: str | None) -> str | None:
    """What iterating or unpacking a value of this type gives: a container's element, else
    the step for the project pass to take (``pkg.db.rows()`` may return a ``list[Row]``)."""
    if container is None or container.startswith(("mapping[", _PARTIAL)):
        return None
    return element_of(container) or step(container, ELEMENT)


def item_of(container: str | None) -> str | None:
    """What subscribing the container gives: ``T`` of ``list[T]`` and of ``mapping[T]``."""
    return _inner(container, "list[", "tuple[", "mapping[")


def mapping(value_type: str) -> str:
    return f"mapping[{value_type}]"


def partial(callee: str) -> str:
    return f"{_PARTIAL}{callee}]"


def partial_callee(type_name: str | None) -> str | None:
    """The callable a ``functools.partial`` of this type calls, where it is one."""
    return _inner(type_name, _PARTIAL)

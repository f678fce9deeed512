"""Reversible replacement of module functions and class methods.

The detectors wrap functions they do not own (``time.sleep``,
``socket.socket.recv``, ``asyncio.events._set_running_loop``). Every
replacement is recorded so that ``undo`` puts back exactly what was there:
the original object when the owner defined it, nothing when it was inherited.
"""

from __future__ import annotations

from typing import Any, Callable

_MISSING = object()


class Patcher:
    def __init__(self) -> None:
        self._undo: list[tuple[Any, str, Any]] = []

    def replace(self, owner: Any, name: str, make_wrapper: Callable[[Callable], Callable]) -> bool:
        """Replace ``owner.name`` by ``make_wrapper(original)``; False if it cannot be patched.

        ``staticmethod``/``classmethod`` descriptors are unwrapped and re-wrapped so the
        method keeps its kind.
        """
        raw = vars(owner).get(name, _MISSING)
        try:
            if isinstance(raw, (staticmethod, classmethod)):
                replacement: Any = type(raw)(make_wrapper(raw.__func__))
            else:
                replacement = make_wrapper(getattr(owner, name))
            setattr(owner, name, replacement)
        except (AttributeError, TypeError):
            return False  # a C type or a read-only attribute
        self._undo.append((owner, name, raw))
        return True

    def undo(self) -> None:
        while self._undo:
            owner, name, raw = self._undo.pop()
            try:
                if raw is _MISSING:
                    delattr(owner, name)
                else:
                    setattr(owner, name, raw)
            except (AttributeError, TypeError):
                pass  # the owner was patched over by someone else; nothing left to restore

    def __bool__(self) -> bool:
        return bool(self._undo)

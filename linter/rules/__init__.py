"""The rule registry. Each module of this package that does not start with an
underscore is one rule, named for what it finds, and defines ``RULE``."""

from __future__ import annotations

import importlib
import pkgutil

from .base import FileRule, ProjectRule, Rule


def _discover() -> tuple[Rule, ...]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_") or info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.append(module.RULE)
    return tuple(sorted(found, key=lambda rule: rule.code))


ALL_RULES: tuple[Rule, ...] = _discover()
_BY_CODE = {rule.code: rule for rule in ALL_RULES}
FILE_RULES: tuple[FileRule, ...] = tuple(r for r in ALL_RULES if isinstance(r, FileRule))
PROJECT_RULES: tuple[ProjectRule, ...] = tuple(r for r in ALL_RULES if isinstance(r, ProjectRule))


def get(code: str) -> Rule | None:
    return _BY_CODE.get(code.upper())


def codes() -> tuple[str, ...]:
    """Every code, the tool's own LS001 included."""
    return tuple(_BY_CODE)

"""Third-party libraries, one module each; see the catalogue package's docstring for the format.

Every module in this folder is loaded, in name order, so adding a library is adding a file.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def modules() -> tuple[ModuleType, ...]:
    """The library modules of this folder, sorted by name."""
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    return tuple(importlib.import_module(f"{__name__}.{name}") for name in names)

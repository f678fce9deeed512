"""Module names from file paths, and relative imports resolved against them."""

from __future__ import annotations

from pathlib import Path


def module_name(path: Path) -> str:
    """``pkg/sub/mod.py`` -> ``pkg.sub.mod`` when ``pkg`` and ``sub`` are packages.

    Walks up while the folder has an ``__init__.py``, as the import system would
    find the file from the folder above the top package.
    """
    path = Path(path).resolve()  # `.` has no name: the folders above it do
    parts = [] if path.stem == "__init__" else [path.stem]
    folder = path.parent
    while (folder / "__init__.py").is_file():
        parts.append(folder.name)
        if folder.parent == folder:
            break
        folder = folder.parent
    return ".".join(reversed(parts)) or path.stem


def is_package(path: Path) -> bool:
    return Path(path).name == "__init__.py"


def resolve_relative(module: str, is_pkg: bool, level: int, name: str | None) -> str:
    """The absolute module named by ``from <level dots><name> import ...`` in ``module``."""
    package = module.split(".") if is_pkg else module.split(".")[:-1]
    if level > 1:
        package = package[: len(package) - (level - 1)] if level - 1 <= len(package) else []
    base = ".".join(package)
    if name:
        return f"{base}.{name}" if base else name
    return base

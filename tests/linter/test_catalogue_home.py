"""The catalogue is the one home of API knowledge: a qualified API name written as a string
anywhere else in the linter is knowledge that the catalogue (and so the plugin, and whoever
extends the catalogue) cannot see."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import loopsafe.linter
from loopsafe.linter import catalogue

LINTER = Path(loopsafe.linter.__file__).parent
DOTTED = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+\.?$")
# at most this many may stay outside: none today
ALLOWED = 10


def _api_roots() -> set[str]:
    """Top-level names of everything the catalogue names, plus the standard library's modules."""
    names = {*catalogue.BLOCKING, *catalogue.RETURNS, *catalogue.ALIASES, *catalogue.BASES,
             *catalogue.concurrency.HANDOFFS_BY_NAME, *catalogue.concurrency.ENTRY_METHODS}
    return {n.split(".")[0] for n in names} | set(sys.stdlib_module_names)


def qualified_literals(root: Path) -> list[str]:
    """Every string constant of the linter's modules outside the catalogue that looks like a
    qualified API name (`asyncio.run`, `"multiprocessing.pool.Pool."` in an f-string)."""
    roots = _api_roots()
    found = []
    for path in sorted(root.rglob("*.py")):
        if "catalogue" in path.relative_to(root).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and DOTTED.match(node.value)
                    and node.value.split(".")[0] in roots):
                found.append(f"{path.relative_to(root)}:{node.lineno} {node.value}")
    return found


def test_qualified_api_names_live_in_the_catalogue() -> None:
    found = qualified_literals(LINTER)
    assert len(found) <= ALLOWED, "\n".join(found)


def test_the_check_sees_a_literal(tmp_path: Path) -> None:
    (tmp_path / "rule.py").write_text('RUNNERS = {"asyncio.run", "trio.run"}\nTEXT = "not.a.module"\n')
    assert qualified_literals(tmp_path) == ["rule.py:1 asyncio.run", "rule.py:1 trio.run"]

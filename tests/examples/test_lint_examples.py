"""The linter on the examples: each broken example reports exactly its ``# error:`` markers,
and every other file under examples/ (the good forms and their support modules) reports nothing.

The examples are linted as one project (as a user's checkout would be), with
default settings: the repository's own ``[tool.loopsafe]`` excludes
``examples/broken`` from its self-check, which must not hide them here. A marker
whose rule is not registered yet is skipped with a reason naming the rule, after
the codes that are registered have been checked: it is never counted as passed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from loopsafe.linter import rules
from loopsafe.linter.engine import lint_paths
from loopsafe.linter.settings import Settings

from .example_files import BROKEN, EXAMPLES, RECONCILE, REPO, lint_markers, pattern_files

CLEAN = sorted(p for p in EXAMPLES.rglob("*.py") if BROKEN not in p.parents and RECONCILE not in p.parents)


@pytest.fixture(scope="module")
def findings() -> dict[Path, set[tuple[str, int]]]:
    """(code, line) per file, for the whole examples folder linted once."""
    result = lint_paths([EXAMPLES], Settings(cache=False, root=REPO))
    found: dict[Path, set[tuple[str, int]]] = {}
    for d in result.diagnostics:
        found.setdefault((REPO / d.path).resolve(), set()).add((d.code, d.line))
    return found


def _id(path: Path) -> str:
    return str(path.relative_to(EXAMPLES))


@pytest.mark.parametrize("path", pattern_files(BROKEN), ids=_id)
def test_broken_example_reports_exactly_its_markers(path: Path, findings) -> None:
    want = lint_markers(path)
    got = findings.get(path, set())
    assert sorted({code for code, _ in want if rules.get(code) is None}) == [], "markers of unknown codes"
    assert sorted(got - want) == [], "unexpected findings"
    assert sorted(want - got) == [], "missed findings"


@pytest.mark.parametrize("path", CLEAN, ids=_id)
def test_good_example_lints_clean(path: Path, findings) -> None:
    assert sorted(findings.get(path, set())) == []

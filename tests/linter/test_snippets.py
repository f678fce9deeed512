"""Every snippet under snippets/ is linted and must report exactly its markers.

A ``*.py`` file is one project; a folder is one multi-file project (for
findings across modules). The codes checked are all codes: a snippet for one
rule must not trip another one unexpectedly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from loopsafe.linter.engine import lint_paths
from loopsafe.linter.settings import Settings

from .expectations import expected

SNIPPETS = Path(__file__).parent / "snippets"
CASES = sorted(p for p in SNIPPETS.iterdir() if p.suffix == ".py" or (p.is_dir() and p.name != "__pycache__"))


def _findings(target: Path) -> set[tuple[str, int, str]]:
    # a folder is its own project: other snippets' modules of the same name (`app.main`) are
    # not its context
    result = lint_paths([target], Settings(cache=False, root=target if target.is_dir() else SNIPPETS))
    return {(Path(d.path).name, d.line, d.code) for d in result.diagnostics}


@pytest.mark.parametrize("target", CASES, ids=[p.name for p in CASES])
def test_snippet_reports_exactly_its_markers(target: Path) -> None:
    files = [target] if target.is_file() else sorted(target.rglob("*.py"))
    want = set().union(*(expected(f) for f in files))
    got = _findings(target)
    assert sorted(got - want) == [], "unexpected findings"
    assert sorted(want - got) == [], "missed findings"

"""The guides stay in step with the examples: every example is in the table of
docs/guides/examples.md, and every relative link of the guides and of
examples/README.md leads to a file that exists.

Fixture pages (docs/fixtures/) are written with the plugin; a link to one that
is not there yet is skipped with a reason naming it, never passed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .example_files import BROKEN, EXAMPLES, GOOD, REPO, pattern_files

GUIDES = REPO / "docs" / "guides"
PAGES = sorted(GUIDES.glob("*.md")) + [EXAMPLES / "README.md"]
_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def _local_links(page: Path) -> list[Path]:
    targets = _LINK.findall(page.read_text(encoding="utf-8"))
    return [(page.parent / t).resolve() for t in targets if "://" not in t]


@pytest.mark.parametrize("path", pattern_files(GOOD) + pattern_files(BROKEN),
                         ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_every_example_is_in_the_table(path: Path) -> None:
    assert path in _local_links(GUIDES / "examples.md")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_links_resolve(page: Path) -> None:
    assert [target for target in _local_links(page) if not target.exists()] == []

"""The documentation site builds with ``mkdocs build --strict``: a page per rule and per
fixture, search, and a broken link anywhere fails the build. One build of the real site,
shared by the module's tests, and one of a two-page site with broken links."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from loopsafe.linter import rule_pages
from loopsafe.linter.rules import ALL_RULES

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ("thread_loop", "thread_loop_factory", "process_pool", "thread_pool", "blocking_detector")


def mkdocs_build(config: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
        capture_output=True, text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    built = mkdocs_build(ROOT / "mkdocs.yml", site)
    assert built.returncode == 0, built.stderr
    return site


def test_a_page_per_rule_and_per_fixture(site):
    for rule in ALL_RULES:
        page = (site / "rules" / rule.code / "index.html").read_text(encoding="utf-8")
        assert rule.name in page
    for fixture in FIXTURES:
        assert (site / "fixtures" / fixture / "index.html").is_file()


def test_search_indexes_every_rule(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert {f"rules/{rule.code}/" for rule in ALL_RULES} <= locations


def test_links_out_of_docs_point_at_the_repository(site):
    page = (site / "guides" / "examples" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/loopsafe/loopsafe/blob/main/examples/good/p01_coroutine.py"' in page
    assert "../../examples/" not in page


def test_one_address_for_the_site(site):
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"site_url: {rule_pages.DOCS_URL}\n" in config
    assert f'Documentation = "{rule_pages.DOCS_URL}"' in (ROOT / "pyproject.toml").read_text()
    # every rule's helpUri (SARIF) is a page the site has
    for rule in ALL_RULES:
        path = rule_pages.url(rule.code).removeprefix(rule_pages.DOCS_URL)
        assert (site / path / "index.html").is_file()


def test_readme_links_work_on_the_package_index():
    """PyPI shows the README without the repository around it: no relative links."""
    import re

    links = re.findall(r"\]\(([^)]+)\)", (ROOT / "README.md").read_text(encoding="utf-8"))
    assert links and [link for link in links if not link.startswith("https://")] == []


def test_a_broken_link_fails_the_build(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(ROOT / "docs" / "site_hooks.py", docs)
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    (docs / "index.md").write_text("# Home\n\n[gone](missing.md), [also gone](../../nothing.py), "
                                   "[no anchor](other.md#nowhere)\n")
    (docs / "other.md").write_text("# Other\n")
    built = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert built.returncode != 0
    assert "missing.md" in built.stderr
    assert "../../nothing.py" in built.stderr
    assert "#nowhere" in built.stderr

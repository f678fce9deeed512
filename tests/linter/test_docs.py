"""The user documentation stays in step with the code: rule pages come from the rules'
own docs, and the guides name every option and configuration key there is."""

import json
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from loopsafe.linter import rule_pages
from loopsafe.linter.config import KEYS
from loopsafe.linter.rules import ALL_RULES, get

from .interface_helpers import run_cli, untimed

DOCS = Path(__file__).resolve().parents[2] / "docs"
SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead")


def test_rule_pages_are_up_to_date():
    stale = rule_pages.stale(DOCS / "rules", ALL_RULES)
    assert stale == [], f"run `python docs/generate_rule_pages.py` to update {stale}"


def test_generator_check_mode_agrees():
    done = subprocess.run([sys.executable, str(DOCS / "generate_rule_pages.py"), "--check"],
                          capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout) == (0, "")


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_every_rule_documents_the_four_sections(rule):
    positions = [rule.doc.find(section) for section in SECTIONS]
    assert -1 not in positions and positions == sorted(positions), rule.code


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_rule_command_prints_the_page(capsys, rule):
    assert run_cli(capsys, "rule", rule.code.lower()) == (0, rule_pages.page(rule), "")


def test_unknown_rule(capsys):
    assert run_cli(capsys, "rule", "LS999") == \
        (2, "", "loopsafe: error: unknown rule code 'LS999' (see `loopsafe rules`)\n")


def test_rules_table_lists_every_rule(capsys):
    code, out, err = run_cli(capsys, "rules")
    header, *rows = out.splitlines()
    assert (code, err, header.split()) == (0, "", ["CODE", "NAME", "FIX", "SUMMARY"])
    assert [row.split()[:2] for row in rows] == [[r.code, r.name] for r in ALL_RULES]
    assert all(row.endswith(r.summary) for row, r in zip(rows, ALL_RULES))
    assert all(("[*]" in row) == r.fixable for row, r in zip(rows, ALL_RULES))
    assert get("LS101") in ALL_RULES


def test_rules_as_json(capsys):
    code, out, _ = run_cli(capsys, "rules", "--format", "json")
    assert (code, json.loads(out)) == (0, [
        {"code": r.code, "name": r.name, "summary": r.summary, "fixable": r.fixable}
        for r in ALL_RULES])


def test_pages_round_trip_in_a_folder(tmp_path):
    fake = (SimpleNamespace(code="LS901", name="one", summary="a | b", doc="# LS901 one\n\nbody",
                            fixable=True),
            SimpleNamespace(code="LS902", name="two", summary="two", doc="body two", fixable=False))
    assert rule_pages.write(tmp_path, fake) == ["LS901.md", "LS902.md", "index.md"]
    assert rule_pages.stale(tmp_path, fake) == []
    assert (tmp_path / "LS901.md").read_text().endswith(
        "# LS901 one\n\na | b\n\nAutomatic fix: yes, with `--fix`\n\nbody\n")
    assert "| [LS901](LS901.md) | one | a \\| b | yes |" in (tmp_path / "index.md").read_text()
    (tmp_path / "LS902.md").write_text("edited by hand")
    (tmp_path / "LS903.md").write_text("a rule that is gone")
    assert rule_pages.stale(tmp_path, fake) == ["LS902.md", "LS903.md"]
    assert rule_pages.write(tmp_path, fake) == ["LS902.md", "LS903.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["LS901.md", "LS902.md", "index.md"]


def test_linter_guide_names_every_check_option(capsys):
    guide = (DOCS / "linter.md").read_text()
    options = set(re.findall(r"--[a-z][a-z-]+", run_cli(capsys, "check", "--help")[1]))
    assert len(options) > 10
    assert {o for o in options if f"`{o}" not in guide} == {"--help"}


def test_configuration_guide_names_every_key():
    guide = (DOCS / "configuration.md").read_text()
    assert [key for key in KEYS if not re.search(rf"\| `{key}` \|", guide)] == []


def test_the_guides_first_example_is_real_output(tmp_path, monkeypatch, capsys):
    (tmp_path / "app").mkdir()
    (tmp_path / "app/__init__.py").write_text("")
    (tmp_path / "app/fetch.py").write_text(
        "import time\nfrom app.config import load_config\n\n\n"
        "async def fetch(url):\n    time.sleep(0.1)\n    return load_config()\n")
    (tmp_path / "app/config.py").write_text(
        'import json\n\n\ndef load_config():\n    with open("config.json") as f:\n'
        "        return json.load(f)\n")
    monkeypatch.chdir(tmp_path)
    shown = re.search(r"```console\n\$ loopsafe check\n(.*?)```", (DOCS / "linter.md").read_text(),
                      re.S)[1]
    assert run_cli(capsys, "check") == (1, untimed(shown), "")


def test_blocking_client_recipe_works_as_written(tmp_path, monkeypatch, capsys):
    """The configuration guide's recipe for a whole SDK client, run as printed: the toml and
    the Python of that section, and the findings its comments promise."""
    section = (DOCS / "configuration.md").read_text(encoding="utf-8").split("## Recipe: a whole SDK client")[1]
    toml = re.search(r"```toml\n(.*?)```", section, re.S).group(1)
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    (tmp_path / "pyproject.toml").write_text(toml)
    (tmp_path / "orders.py").write_text(code)
    monkeypatch.chdir(tmp_path)
    status, out, err = run_cli(capsys, "check", "--no-cache", "--format", "json", "orders.py")
    found = [(d["code"], d["line"]) for d in json.loads(out)["diagnostics"]]
    promised = [("LS109", number) for number, line in enumerate(code.splitlines(), 1) if "# LS109" in line]
    assert (status, err) == (1, "")
    assert promised and found == promised

"""A run over an unchanged tree answers from the result cache without loading the analysis:
no libcst, no rule module, no analysis module, no worker process. And the rule registry
that lets it check a selection's codes without importing the rules agrees with them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from loopsafe.linter import rules

from .interface_helpers import SLEEPY

# Runs one check in a fresh interpreter and prints, after the report, the modules it loaded.
PROBE = """
import sys
from loopsafe.linter.cli import main
status = main(sys.argv[1:])
print("\\n" + " ".join(sorted(sys.modules)))
sys.exit(status)
"""

HEAVY = ("libcst", "loopsafe.linter.analysis", "loopsafe.linter.pipeline", "multiprocessing",
         "concurrent.futures")


def check(tmp_path: Path, *argv: str) -> tuple[dict, set[str]]:
    done = subprocess.run([sys.executable, "-c", PROBE, "check", "--format", "json", *argv],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    report, _, modules = done.stdout.rstrip("\n").rpartition("\n")
    return json.loads(report), set(modules.split())


def loaded_heavy(modules: set[str]) -> list[str]:
    rule_modules = {f"{rules.__name__}.{name}" for name in rules.MODULES.values()}
    return sorted(m for m in modules if m.startswith(HEAVY) or m in rule_modules)


def test_a_warm_run_imports_nothing_heavy(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.py").write_text(SLEEPY)
    (tmp_path / "pkg" / "b.py").write_text("from pkg.a import poll\n")
    (tmp_path / "pyproject.toml").write_text("[tool.loopsafe]\nignore = ['LS2']\n")
    cold, cold_modules = check(tmp_path, "--select", "LS1,LS3")
    assert "loopsafe.linter.pipeline" in cold_modules  # the probe does see what a run loads
    assert "libcst" not in cold_modules  # the analysis reads `ast`
    warm, warm_modules = check(tmp_path, "--select", "LS1,LS3")
    assert warm == cold and [d["code"] for d in warm["diagnostics"]] == ["LS101"]
    assert loaded_heavy(warm_modules) == []
    # a named file of a warm project: its context comes from the same cache
    check(tmp_path, "pkg/a.py")
    named, named_modules = check(tmp_path, "pkg/a.py")
    assert [(d["path"], d["code"]) for d in named["diagnostics"]] == [("pkg/a.py", "LS101")]
    assert loaded_heavy(named_modules) == []


def test_the_registry_lists_every_rule_under_its_code() -> None:
    assert rules.codes() == tuple(rule.code for rule in rules.ALL_RULES)
    assert {rule.code: type(rule).__module__.rpartition(".")[2] for rule in rules.ALL_RULES} == rules.MODULES


def test_the_registry_answers_without_importing_a_rule() -> None:
    probe = ("import sys\nfrom loopsafe.linter import config\nconfig.check_codes(['LS1', 'ls304'], 'x')\n"
             "print(any(m.startswith(('libcst', 'loopsafe.linter.analysis')) for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "False", done.stderr

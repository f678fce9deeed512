"""The repository's pre-commit hook, run as users run it: ``pre-commit try-repo`` from a
project of theirs, on the files they name. This installs loopsafe into pre-commit's own
environment, so it is the slowest linter test; it is one test for that reason."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .interface_helpers import SLEEPY

ROOT = Path(__file__).resolve().parents[2]
IDENTITY = {"GIT_CONFIG_COUNT": "2", "GIT_CONFIG_KEY_0": "user.name", "GIT_CONFIG_VALUE_0": "t",
            "GIT_CONFIG_KEY_1": "user.email", "GIT_CONFIG_VALUE_1": "t@example.com"}


def git(cwd: Path, *argv: str) -> None:
    subprocess.run(["git", *argv], cwd=cwd, check=True, capture_output=True, timeout=120,
                   env={**os.environ, **IDENTITY})


CALLER = "from app.helpers import load\n\n\nasync def handler():\n    return load()\n"
HELPER = "import time\n\n\ndef load():\n    time.sleep(1)\n"


@pytest.mark.timeout(1200)
def test_try_repo_checks_the_staged_file_with_the_project_and_skips_an_excluded_one(tmp_path):
    project = tmp_path / "project"
    files = {"app/__init__.py": "", "app/handlers.py": CALLER, "gen/g.py": SLEEPY,
             "app/helpers.py": HELPER}
    for name, text in files.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text)
    (project / "pyproject.toml").write_text('[tool.loopsafe]\nexclude = ["gen"]\n')
    git(project, "init", "-q")
    # app/helpers.py is neither staged nor named: the finding in handlers.py goes through it
    git(project, "add", "pyproject.toml", "app/__init__.py", "app/handlers.py", "gen/g.py")
    env = {**os.environ, **IDENTITY, "PRE_COMMIT_HOME": str(tmp_path / "cache"),
           "NO_COLOR": "1", "PRE_COMMIT_COLOR": "never"}
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "loopsafe",
         "--files", "app/handlers.py", "gen/g.py"],
        cwd=project, capture_output=True, text=True, timeout=1100, env=env)
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    report = out.split("- hook id: loopsafe")[1]
    assert "app/handlers.py:5:12: LS101 `handler() -> load() -> time.sleep()`" in report
    assert "app/helpers.py:5 time.sleep()" in report  # the trace into the unstaged module
    # named by pre-commit, but excluded: the hook passes --force-exclude
    assert "gen/g.py" not in report
    assert "Found 1 finding in 1 file" in report

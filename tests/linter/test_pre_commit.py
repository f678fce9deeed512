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


@pytest.mark.timeout(1200)
def test_try_repo_reports_the_named_file_and_skips_an_excluded_one(tmp_path):
    project = tmp_path / "project"
    for name in ("app/a.py", "gen/g.py"):
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(SLEEPY)
    (project / "pyproject.toml").write_text('[tool.loopsafe]\nexclude = ["gen"]\n')
    git(project, "init", "-q")
    git(project, "add", "-A")
    env = {**os.environ, **IDENTITY, "PRE_COMMIT_HOME": str(tmp_path / "cache"),
           "NO_COLOR": "1", "PRE_COMMIT_COLOR": "never"}
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "loopsafe",
         "--files", "app/a.py", "gen/g.py"],
        cwd=project, capture_output=True, text=True, timeout=1100, env=env)
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "- hook id: loopsafe" in out
    assert "app/a.py:5:5: LS101 `time.sleep()` blocks the event loop" in out
    # named by pre-commit, but excluded: the hook passes --force-exclude
    assert "gen/g.py" not in out.split("- hook id: loopsafe")[1]
    assert "Found 1 finding in 1 file" in out

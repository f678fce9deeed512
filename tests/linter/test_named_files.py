"""Files named on the command line are checked with the whole project's knowledge
(issue 10): a pre-commit run on one file gives it the findings a whole-project run gives
it, and reports nothing about the other files."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

FILES = {
    "pyproject.toml": "[tool.loopsafe]\n",
    "svc/__init__.py": "",
    "svc/config.py": """
        import time

        def load():
            with open("settings.toml") as fh:
                return fh.read()

        async def warm():
            time.sleep(1)
    """,
    "svc/handlers.py": """
        from svc import config
        from svc.config import load as load_settings

        async def handle():
            return config.load()

        async def reload():
            return load_settings()
    """,
    "svc/broken.py": "def unused(:\n",
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name, text in FILES.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
    return tmp_path


def check(cwd: Path, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "loopsafe.linter", "check", "--format", "json", *args],
                          cwd=cwd, capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def _of(report: dict, path: str) -> list[dict]:
    return [d for d in report["diagnostics"] if d["path"] == path]


@pytest.mark.parametrize("cache", [["--no-cache"], []], ids=["cold", "cached"])
def test_a_named_file_gets_the_findings_of_a_whole_project_run(project: Path, cache: list[str]) -> None:
    whole = check(project, "--no-cache", ".")
    assert {d["path"] for d in whole["diagnostics"]} == {"svc/broken.py", "svc/config.py", "svc/handlers.py"}
    named = check(project, *cache, "svc/handlers.py")
    again = check(project, *cache, "svc/handlers.py")  # from a warm cache when there is one
    assert named["diagnostics"] == _of(whole, "svc/handlers.py") == again["diagnostics"]
    assert named["summary"]["files"] == 1
    through = [d for d in named["diagnostics"] if d["code"] == "LS104"]
    assert [(d["line"], d["trace"]) for d in through] == [
        (5, ["svc/handlers.py:5 config.load()", "svc/config.py:4 open()"]),
        (8, ["svc/handlers.py:8 load_settings()", "svc/config.py:4 open()"]),
    ]
    # the context's own findings (LS101 in config.py, LS001 in broken.py) are not reported
    assert {d["code"] for d in named["diagnostics"]} == {"LS104"}


def test_named_from_a_subfolder_and_with_another_spelling(project: Path) -> None:
    whole = check(project, "--no-cache", ".")
    from_sub = check(project / "svc", "--no-cache", "handlers.py")
    assert [(d["code"], d["line"]) for d in from_sub["diagnostics"]] == [
        (d["code"], d["line"]) for d in _of(whole, "svc/handlers.py")]
    dotted = check(project, "--no-cache", "./svc/../svc/handlers.py")
    assert len(dotted["diagnostics"]) == len(_of(whole, "svc/handlers.py"))


def test_a_folder_named_is_reported_alone_with_the_rest_as_context(project: Path) -> None:
    (project / "tools").mkdir()
    (project / "tools" / "job.py").write_text("import asyncio\nfrom svc import config\n\n"
                                              "async def run():\n    config.load()\n")
    report = check(project, "--no-cache", "tools")
    assert [(d["path"], d["code"], d["line"]) for d in report["diagnostics"]] == [("tools/job.py", "LS104", 5)]

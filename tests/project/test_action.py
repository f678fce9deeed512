"""The composite action (action.yml) and the repository's workflow: their scripts are run
here as the runner would run them, against the loopsafe under test."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
SLEEPY = "import time\n\n\nasync def f():\n    time.sleep(1)\n"


def _expand(text: str, inputs: dict[str, str]) -> str:
    return re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: inputs[m[1]], text)


def run_action(project: Path, **given: str) -> tuple[int, str]:
    """Run the action's steps after the install (the loopsafe under test is on PATH),
    skipping those whose ``if`` is false, as the runner would."""
    inputs = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    inputs.update({k.replace("_", "-"): v for k, v in given.items()})
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    status, out = 0, ""
    for step in ACTION["runs"]["steps"][1:]:
        if "if" in step:  # the one form of condition the action uses
            optional = re.fullmatch(r"inputs\.([\w-]+) != ''", step["if"])
            assert optional, step["if"]
            if not inputs[optional[1]]:
                continue
        step_env = {k: _expand(str(v), inputs) for k, v in step.get("env", {}).items()}
        done = subprocess.run([shutil.which("bash"), "-e", "-c", step["run"]], cwd=project,
                              env={**env, **step_env}, capture_output=True, text=True, timeout=300)
        status, out = done.returncode, out + done.stdout + done.stderr
        if status:
            break
    return status, out


def test_inputs_reach_scripts_only_through_the_environment():
    for step in ACTION["runs"]["steps"]:
        assert step["shell"] == "bash"
        assert "${{" not in step["run"], step["name"]  # no script injection from inputs
    used = {m for step in ACTION["runs"]["steps"] for v in step.get("env", {}).values()
            for m in re.findall(r"inputs\.([\w-]+)", str(v))}
    assert used == set(ACTION["inputs"])


def test_the_install_step_installs_the_action_or_the_given_requirement():
    install = ACTION["runs"]["steps"][0]
    assert '"${REQUIREMENT:-$GITHUB_ACTION_PATH}"' in install["run"]
    assert install["env"] == {"REQUIREMENT": "${{ inputs.version }}"}


def test_annotations_and_sarif(tmp_path):
    (tmp_path / "app.py").write_text(SLEEPY)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests/test_x.py").write_text(SLEEPY)
    status, out = run_action(tmp_path, sarif_file="out.sarif")
    assert status == 1
    assert out.count("::error file=") == 2 and "::error file=app.py,line=5" in out
    assert '"ruleId": "LS101"' in (tmp_path / "out.sarif").read_text()
    assert run_action(tmp_path, args="--exclude tests --select LS2")[0] == 0
    status, out = run_action(tmp_path, paths="app.py")
    assert (status, out.count("::error file=")) == (1, 1)


def test_the_workflow_lints_tests_every_python_and_gates():
    workflow = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    assert any(step.get("uses") == "./" for step in jobs["lint"]["steps"])
    assert any(str(step.get("uses", "")).startswith("github/codeql-action/upload-sarif")
               for step in jobs["lint"]["steps"])
    assert jobs["test"]["strategy"]["matrix"]["python"] == ["3.10", "3.11", "3.12", "3.13"]
    assert any("--loopsafe-report" in step.get("run", "") for step in jobs["test"]["steps"])
    gate = jobs["gate"]
    assert gate["if"] == "always()" and set(gate["needs"]) == set(jobs) - {"gate"}

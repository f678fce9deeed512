"""examples/reconcile runs, and its README shows what it prints (durations aside; the test
run's own output, which depends on the installed pytest plugins, is not compared)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "reconcile"
_TIMES = re.compile(r"\d+\.\d+s\b")


def _steps(text: str) -> dict[str, str]:
    """Step title -> what it printed, with durations replaced."""
    parts = re.split(r"^# (\d\. .*)$", text, flags=re.M)
    return {title: _TIMES.sub("Ts", body.strip()) for title, body in zip(parts[1::2], parts[2::2])}


def test_the_example_runs_as_its_readme_shows():
    env = {**os.environ, "COLUMNS": "80"}
    env.pop("PYTEST_ADDOPTS", None)
    done = subprocess.run([sys.executable, str(EXAMPLE / "run.py")], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    ran = _steps(done.stdout.split("# the project's configuration now:")[0])
    shown = _steps(re.search(r"## What it prints.*?```text\n(.*?)```",
                             (EXAMPLE / "README.md").read_text(), re.S)[1])
    assert list(ran) == list(shown) and len(ran) == 5
    test_step = list(ran)[1]
    assert "(exit 0)" in ran[test_step] and "report: loopsafe-report.json" in ran[test_step]
    assert {t: s for t, s in ran.items() if t != test_step} == \
        {t: s for t, s in shown.items() if t != test_step}
    assert 'blocking-calls = ["paymentsdk.PaymentClient.charge"]' in done.stdout.split(
        "# the project's configuration now:")[1]

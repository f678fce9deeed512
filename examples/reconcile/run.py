"""The reconcile workflow on the example project, step by step, in a scratch copy (the
``--write-config`` step edits the copy's pyproject.toml, never this folder).

    python examples/reconcile/run.py

Each step prints the command it runs (from the project's folder) and what it printed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
STEPS = [
    ("1. lint: the linter sees the project's own blocking call",
     ["loopsafe", "check"]),
    ("2. test, writing the runtime report",
     ["pytest", "-q", "-p", "no:cacheprovider", "--loopsafe-report=loopsafe-report.json"]),
    ("3. reconcile the report with the linter",
     ["loopsafe", "reconcile", "loopsafe-report.json"]),
    ("4. add the suggested entry to [tool.loopsafe]",
     ["loopsafe", "reconcile", "loopsafe-report.json", "--write-config", "--format", "json",
      "--output-file", "reconciled.json"]),
    ("5. lint again: the SDK call is flagged now",
     ["loopsafe", "check"]),
]
# how each tool is run with this interpreter
MODULES = {"loopsafe": ["-m", "loopsafe.linter"], "pytest": ["-m", "pytest"]}


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        shutil.copytree(HERE / "sdk", root / "sdk")
        shutil.copytree(HERE / "project", root / "project")
        # the SDK is importable, as if installed, from outside the project
        env = {**os.environ, "PYTHONPATH": str(root / "sdk")}
        for title, command in STEPS:
            print(f"# {title}\n$ {' '.join(command)}", flush=True)
            done = subprocess.run([sys.executable, *MODULES[command[0]], *command[1:]],
                                  cwd=root / "project", env=env, capture_output=True, text=True)
            output = (done.stdout + done.stderr).replace(str(root), "<scratch>")
            print(output.rstrip() + f"\n(exit {done.returncode})\n", flush=True)
        print("# the project's configuration now:")
        print((root / "project" / "pyproject.toml").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The installed ``loopsafe`` script and ``python -m loopsafe.linter``, as a shell runs them."""

import shutil
import subprocess
import sys

import pytest

from .interface_helpers import SLEEPY, untimed

COMMANDS = {"script": [shutil.which("loopsafe") or "loopsafe"],
            "module": [sys.executable, "-m", "loopsafe.linter"]}


def run(command: str, *argv: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMANDS[command], *argv], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("command", COMMANDS)
def test_exit_codes(tmp_path, command):
    (tmp_path / "bad.py").write_text(SLEEPY)
    (tmp_path / "good.py").write_text("x = 1\n")
    (tmp_path / "pyproject.toml").write_text("[tool.loopsafe]\nselect = ['LS1']\n")
    assert run(command, "check", "good.py", cwd=tmp_path).returncode == 0
    found = run(command, "check", cwd=tmp_path)
    assert (found.returncode, untimed(found.stdout).splitlines()[-1]) == \
        (1, "Found 1 finding in 2 files (T). [*] 1 fixable with --fix.")
    (tmp_path / "pyproject.toml").write_text("[tool.loopsafe]\nselect = 'LS1'\n")
    broken = run(command, "check", cwd=tmp_path)
    assert (broken.returncode, broken.stdout) == (2, "")
    assert broken.stderr == (f"loopsafe: error: {tmp_path / 'pyproject.toml'}: [tool.loopsafe] "
                             "select: expected an array of strings, got a string ('LS1')\n")


def test_parallel_run_reports_the_same(tmp_path):
    # enough files for the engine to start worker processes
    for i in range(48):
        (tmp_path / f"m{i:02}.py").write_text(SLEEPY if i % 5 == 0 else "x = 1\n")
    serial = run("script", "check", "--jobs", "1", "--no-cache", cwd=tmp_path)
    parallel = run("script", "check", "--jobs", "2", "--no-cache", cwd=tmp_path)
    assert serial.returncode == parallel.returncode == 1
    assert untimed(parallel.stdout) == untimed(serial.stdout)
    assert untimed(serial.stdout).endswith("Found 10 findings in 48 files (T). [*] 10 fixable with --fix.\n")


def test_a_check_and_its_fix_never_import_libcst(tmp_path):
    # the analysis reads `ast`; a fix is a text edit at the positions the facts carry
    (tmp_path / "bad.py").write_text("import asyncio\n" + SLEEPY)
    code = ("import sys\nfrom loopsafe.linter.cli import main\n"
            "code = main(['check', '--no-cache', '--diff', '.'])\n"
            "print('libcst' in sys.modules, code)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.stdout.splitlines()[-1] == "False 1"
    assert "+++ b/bad.py" in done.stdout

"""The flake8 adapter reports, line for line, what ``loopsafe check`` reports for a file."""

import subprocess
import sys

import pytest

from loopsafe.linter.flake8_plugin import LoopsafeFlake8

from .interface_helpers import SLEEP_MESSAGE, SLEEPY

MIXED = """\
import subprocess
import time

import slowlib


async def fetch(path):
    time.sleep(1)
    data = open(path)  # noqa: LS104
    subprocess.run(["ls"])
    slowlib.crunch(data)
"""


def tool(*argv: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *argv], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_in_process():
    plugin = LoopsafeFlake8(None, "pkg/a.py", SLEEPY.splitlines(keepends=True))
    assert list(plugin.run()) == [(5, 4, f"LS101 {SLEEP_MESSAGE}", LoopsafeFlake8)]


@pytest.mark.parametrize("stdin", [False, True])
def test_flake8_matches_loopsafe_check(tmp_path, stdin):
    (tmp_path / "mod.py").write_text(MIXED)
    (tmp_path / "pyproject.toml").write_text("[tool.loopsafe]\nblocking-calls = ['slowlib.crunch']\n")
    checked = tool("loopsafe.linter", "check", "mod.py", cwd=tmp_path)
    # without the closing count, and the fixable mark (`[*]`), which flake8 does not show
    expected = [line.replace(" [*] ", " ") for line in checked.stdout.splitlines()[:-1]]
    assert [line.split(": ", 2)[1][:5] for line in expected] == ["LS101", "LS103", "LS109"]
    if stdin:
        flaked = subprocess.run([sys.executable, "-m", "flake8", "--select=LS",
                                 "--stdin-display-name=mod.py", "-"], cwd=tmp_path, input=MIXED,
                                capture_output=True, text=True, timeout=120)
    else:
        flaked = tool("flake8", "--select=LS", "mod.py", cwd=tmp_path)
    assert (flaked.returncode, flaked.stderr) == (1, "")
    assert flaked.stdout.splitlines() == expected


def test_config_error_is_a_message_not_a_traceback(tmp_path):
    (tmp_path / "mod.py").write_text(SLEEPY)
    (tmp_path / "pyproject.toml").write_text("[tool.loopsafe]\nselct = ['LS1']\n")
    flaked = tool("flake8", "--select=LS", "mod.py", cwd=tmp_path)
    assert (flaked.returncode, flaked.stderr) == (1, "")
    assert flaked.stdout == ("There was a critical error during execution of Flake8:\n"
                             f"{tmp_path / 'pyproject.toml'}: [tool.loopsafe]: unknown key 'selct' "
                             "(did you mean 'select'?)\n")


def test_flake8_skips_what_exclude_names(tmp_path):
    (tmp_path / "gen").mkdir()
    (tmp_path / "gen/mod.py").write_text(SLEEPY)
    (tmp_path / "mod.py").write_text(SLEEPY)
    (tmp_path / "pyproject.toml").write_text("[tool.loopsafe]\nextend-exclude = ['gen']\n")
    flaked = tool("flake8", "--select=LS", ".", cwd=tmp_path)
    assert [line.split(":")[0] for line in flaked.stdout.splitlines()] == ["./mod.py"]

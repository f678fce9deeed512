"""The warm run replays the last report of the same check, byte for byte, while nothing it
depended on changed; any change (a file's content, a file added or removed, the
configuration, git's ignore rules, the baseline, the linter's code) runs the check again."""

from __future__ import annotations

import marshal
import os
import subprocess
from pathlib import Path

import pytest

from loopsafe.linter import cli, stamps, warm

from .interface_helpers import SLEEPY, untimed

HELPER = "import time\n\n\ndef load():\n    time.sleep(1)\n"
CALLER = "from pkg.helper import load\n\n\nasync def handler():\n    load()\n"
FIXABLE = "import time\n\n\nasync def nap():\n    time.sleep(1)  # noqa: LS102\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, text in {"pkg/__init__.py": "", "pkg/a.py": SLEEPY, "pkg/helper.py": HELPER,
                       "pkg/handlers.py": CALLER, "pkg/quiet.py": FIXABLE,
                       "pyproject.toml": "[tool.loopsafe]\nignore = ['LS3']\n"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def full_runs(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The paths of each check that ran in full (the others were replayed)."""
    runs: list[list[str]] = []
    check = cli.COMMANDS["check"]
    monkeypatch.setitem(cli.COMMANDS, "check", lambda args: runs.append(args.paths) or check(args))
    return runs


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = cli.main(["check", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def twice(capsys, full_runs, *argv: str) -> tuple[int, str]:
    """Run a check cold then warm: the warm run is replayed and prints the same."""
    cold = run(capsys, *argv)
    before = len(full_runs)
    warm_run = run(capsys, *argv)
    assert len(full_runs) == before, "the second run was not replayed"
    assert (warm_run[0], untimed(warm_run[1]), warm_run[2]) == (cold[0], untimed(cold[1]), cold[2])
    return cold[0], cold[1]


@pytest.mark.parametrize("options", [
    [], ["--format", "json"], ["--format=sarif"], ["--format", "github"], ["--statistics"],
    ["--statistics", "--format", "json"], ["-q"], ["--select", "LS1", "--exit-zero"],
    ["--min-confidence", "possible"], ["--extend-exclude", "pkg/a.py"], ["pkg/handlers.py"],
    ["pkg/a.py", "pkg/helper.py"], ["pkg"], ["--select", "LS3"],
])
def test_every_format_and_option_is_replayed_byte_for_byte(project, capsys, full_runs, options):
    status, out = twice(capsys, full_runs, *options)
    clean = options == ["--select", "LS3"]
    assert status == (0 if clean or "--exit-zero" in options else 1)
    assert ("LS1" not in out) if clean else ("LS10" in out or "::error" in out or "possible" in out)


def test_the_text_report_is_replayed_with_its_own_duration(project, capsys, full_runs):
    run(capsys)
    record = marshal.loads(next((project / ".loopsafe_cache" / warm.RECORDS).iterdir()).read_bytes())
    assert len(record["output"]) == 2 and record["output"][1].startswith("s). ")  # "(<duration>s)."
    status, out, _ = run(capsys)
    assert status == 1 and len(full_runs) == 1
    assert out.splitlines()[-1].startswith("Found ") and warm.PLACEHOLDER not in out
    assert "in 5 files (T)." in untimed(out).splitlines()[-1]


def test_the_report_file_is_written_again(project, capsys, full_runs):
    run(capsys, "--format", "json", "--output-file", "report.json")
    first = (project / "report.json").read_bytes()
    (project / "report.json").unlink()
    assert run(capsys, "--format", "json", "--output-file", "report.json") == (1, "", "")
    assert (project / "report.json").read_bytes() == first and len(full_runs) == 1


def changes(project: Path) -> list:
    """Each change paired with what the next report must show."""
    def edit():
        (project / "pkg/a.py").write_text(SLEEPY.replace("time.sleep(1)", "time.sleep(1)  # noqa"))

    def delete():
        (project / "pkg/a.py").unlink()

    def add():
        (project / "pkg/b.py").write_text(SLEEPY)

    def add_folder():
        (project / "pkg/sub").mkdir()
        (project / "pkg/sub/c.py").write_text(SLEEPY)

    def edit_config():
        (project / "pyproject.toml").write_text("[tool.loopsafe]\nignore = ['LS101']\n")

    def nearer_config():
        (project / "pkg/loopsafe.toml").write_text("select = ['LS3']\n")

    def helper():  # the finding in handlers.py comes from here
        (project / "pkg/helper.py").write_text("def load():\n    return 1\n")

    return [(edit, "pkg/a.py:5"), (delete, "pkg/a.py:5"), (add, "pkg/b.py:5"), (add_folder, "pkg/sub/c.py:5"),
            (edit_config, "LS101"), (nearer_config, "LS101"), (helper, "pkg/handlers.py:5")]


@pytest.mark.parametrize("index", range(7))
def test_any_change_runs_the_check_again(project, capsys, full_runs, index):
    change, mark = changes(project)[index]
    _, before = twice(capsys, full_runs, "pkg")
    change()
    cold_after = run(capsys, "pkg", "--no-cache")
    status, after, _ = run(capsys, "pkg")
    assert len(full_runs) == 3  # cold, --no-cache, then the check after the change
    assert (mark in before) != (mark in after)
    assert (status, untimed(after)) == (cold_after[0], untimed(cold_after[1]))
    assert untimed(run(capsys, "pkg")[1]) == untimed(after)
    assert len(full_runs) == 3  # and the new report is replayed in turn


def test_a_touched_file_is_replayed_and_its_new_time_recorded(project, capsys, full_runs, monkeypatch):
    twice(capsys, full_runs)
    st = os.stat(project / "pkg/a.py")
    os.utime(project / "pkg/a.py", ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    hashed = []
    digest = stamps.digest
    monkeypatch.setattr(stamps, "digest", lambda path: hashed.append(path) or digest(path))
    run(capsys)
    run(capsys)
    assert len(full_runs) == 1 and hashed == [os.path.join("pkg", "a.py")]


def test_a_change_of_the_linter_runs_the_check_again(project, capsys, full_runs, monkeypatch):
    twice(capsys, full_runs)
    code = stamps.code()
    monkeypatch.setattr(stamps, "code", lambda: code + (("new.py", 1, 1),))
    run(capsys)
    assert len(full_runs) == 2


def test_a_changed_baseline_runs_the_check_again(project, capsys, full_runs):
    assert cli.main(["check", "--write-baseline", "base.json"]) == 0
    capsys.readouterr()
    status, out = twice(capsys, full_runs, "--baseline", "base.json")
    assert status == 0 and out.startswith("No findings")
    (project / "base.json").write_text('{"version": 1, "findings": []}\n')
    assert run(capsys, "--baseline", "base.json")[0] == 1
    assert full_runs[-1] == [] and len(full_runs) == 3  # the --write-baseline run is a check too


@pytest.mark.parametrize("options", [["--no-cache"], ["--diff"], ["--fix"], ["--show-files"],
                                     ["--show-settings"], ["--stdin-filename", "pkg/a.py", "-"]])
def test_checks_that_do_more_than_report_are_never_replayed(project, capsys, full_runs, monkeypatch, options):
    monkeypatch.setattr("sys.stdin", open(project / "pkg/a.py"))
    run(capsys, *options)
    run(capsys, *options)
    assert len(full_runs) == 2


def test_a_cache_dir_elsewhere_leaves_no_record(project, capsys, full_runs):
    (project / "pyproject.toml").write_text("[tool.loopsafe]\ncache-dir = 'elsewhere'\n")
    run(capsys)
    run(capsys)
    assert len(full_runs) == 2 and (project / "elsewhere").is_dir()


def test_a_record_from_another_folder_or_colour_is_not_replayed(project, capsys, full_runs, monkeypatch):
    run(capsys, "pkg")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run(capsys, "pkg")[1]
    monkeypatch.chdir(project / "pkg")
    run(capsys, ".")
    assert len(full_runs) == 3


def git(root: Path, *argv: str) -> None:
    subprocess.run(["git", "-C", str(root), *argv], check=True, capture_output=True, timeout=60)


def test_a_gitignore_change_runs_the_check_again(project, capsys, full_runs):
    git(project, "init", "-q")
    (project / "pkg/gen").mkdir()
    (project / "pkg/gen/out.py").write_text(SLEEPY)
    (project / ".gitignore").write_text("gen/\n")
    _, before = twice(capsys, full_runs)
    assert "gen/out.py" not in before
    (project / ".gitignore").write_text("other/\n")
    assert "pkg/gen/out.py:5" in run(capsys)[1]
    assert len(full_runs) == 2


def test_outside_a_repository_git_is_not_started(project, capsys, full_runs, monkeypatch):
    from loopsafe.linter import gitignore

    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.delenv("GIT_WORK_TREE", raising=False)
    started = []
    monkeypatch.setattr(gitignore, "_output", lambda argv: started.append(argv))
    if any(os.path.lexists(parent / ".git") for parent in (project, *project.parents)):
        pytest.skip("the temporary folder is inside a git work tree")
    twice(capsys, full_runs)
    assert started == []


def test_a_truncated_record_is_a_miss(project, capsys, full_runs):
    run(capsys)
    record = next((project / ".loopsafe_cache" / warm.RECORDS).iterdir())
    record.write_bytes(record.read_bytes()[:40])
    twice(capsys, full_runs)
    assert len(full_runs) == 2


def test_only_the_latest_records_are_kept(project, capsys, full_runs, monkeypatch):
    monkeypatch.setattr(warm, "KEEP", 3)
    for name in ("pkg/a.py", "pkg/helper.py", "pkg/handlers.py", "pkg/quiet.py"):
        run(capsys, name)
    assert len(list((project / ".loopsafe_cache" / warm.RECORDS).iterdir())) == 3
    run(capsys, "pkg/quiet.py")
    assert len(full_runs) == 4
    run(capsys, "pkg/a.py")
    assert len(full_runs) == 5


# Runs one check in a fresh interpreter and prints, after the report, the modules it loaded
# beyond those the interpreter starts with.
PROBE = """
import sys
started = set(sys.modules)
from loopsafe.linter.cli import main
status = main(sys.argv[1:])
print("\\n" + " ".join(sorted(set(sys.modules) - started)))
sys.exit(status)
"""
# what a replay must not load: each costs it milliseconds, some more than its whole work
START_UP_HEAVY = {"pathlib", "dataclasses", "typing", "inspect", "tomllib", "tomli", "subprocess",
                  "shutil", "json", "pickle", "hashlib", "loopsafe.linter.config",
                  "loopsafe.linter.settings", "loopsafe.linter.engine", "loopsafe.linter.reporters"}


def test_a_replay_loads_only_the_command_line_and_the_checks(project):
    import sys

    def loaded() -> set[str]:
        done = subprocess.run([sys.executable, "-c", PROBE, "check", "--format", "json"],
                              cwd=project, capture_output=True, text=True, timeout=300)
        assert done.returncode == 1, done.stderr
        return set(done.stdout.rstrip("\n").rpartition("\n")[2].split())

    assert "loopsafe.linter.engine" in loaded()  # the probe sees what a full run loads
    assert sorted(loaded() & START_UP_HEAVY) == []

"""``loopsafe check`` end to end through ``main(argv)``: exit codes, output, options, config."""

import io
import json
import sys
from pathlib import Path

import pytest

from loopsafe.linter import __version__


from .interface_helpers import SLEEP_MESSAGE, SLEEPY, run_cli

CLEAN = "import asyncio\n\n\nasync def fetch():\n    await asyncio.sleep(1)\n"
FILE_IO = "async def load(path):\n    return open(path)\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder as the working directory, with one sleepy and one clean module."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg/a.py").write_text(SLEEPY)
    (tmp_path / "pkg/clean.py").write_text(CLEAN)
    return tmp_path


def findings(capsys, *argv):
    """(code, path, line) of each finding of a JSON run."""
    code, out, _ = run_cli(capsys, "check", "--format", "json", *argv)
    return code, [(d["code"], d["path"], d["line"]) for d in json.loads(out)["diagnostics"]]


def test_findings_exit_1_with_text_report(project, capsys):
    # without `import asyncio` in the file the fix adds it: fixable
    assert run_cli(capsys, "check") == (1, f"pkg/a.py:5:5: LS101 [*] {SLEEP_MESSAGE}\n"
                                       "Found 1 finding in 2 files (T). [*] 1 fixable with --fix.\n", "")


def test_clean_run_exits_0(project, capsys):
    assert run_cli(capsys, "check", "pkg/clean.py") == (0, "No findings in 1 file (T).\n", "")


def test_json_summary(project, capsys):
    code, out, _ = run_cli(capsys, "check", "--format", "json", "pkg")
    report = json.loads(out)
    assert code == 1 and report["version"] == 1
    assert report["summary"] == {"files": 2, "diagnostics": 1}


@pytest.mark.parametrize("flags, expected", [
    ([], [("LS101", "pkg/a.py", 5), ("LS104", "pkg/b.py", 2)]),
    (["--select", "LS104"], [("LS104", "pkg/b.py", 2)]),
    (["--select", "LS1", "--ignore", "LS101"], [("LS104", "pkg/b.py", 2)]),
    (["--ignore", "LS101,LS104"], []),
    (["--ignore", "LS1", "--extend-select", "LS101"], [("LS101", "pkg/a.py", 5)]),
    (["--select", "ls101"], [("LS101", "pkg/a.py", 5)]),
])
def test_selection(project, capsys, flags, expected):
    (project / "pkg/b.py").write_text(FILE_IO)
    assert findings(capsys, *flags) == (1 if expected else 0, expected)


@pytest.mark.parametrize("flag", ["--select", "--ignore", "--extend-select"])
def test_unknown_code_is_a_usage_error(project, capsys, flag):
    assert run_cli(capsys, "check", flag, "LS1,LS777") == \
        (2, "", f"loopsafe: error: {flag}: unknown rule code or prefix 'LS777'\n")


def test_exit_zero(project, capsys):
    code, out, _ = run_cli(capsys, "check", "--exit-zero")
    assert code == 0 and "LS101" in out


def test_output_file(project, capsys):
    assert run_cli(capsys, "check", "--format", "json", "--output-file", "report.json") == (1, "", "")
    assert json.loads((project / "report.json").read_text())["summary"]["diagnostics"] == 1


def test_unwritable_output_file(project, capsys):
    code, out, err = run_cli(capsys, "check", "--output-file", "no/such/dir/r.txt")
    assert (code, out) == (2, "")
    assert err.startswith("loopsafe: error: no/such/dir/r.txt: cannot write report:")


def test_missing_path(project, capsys):
    assert run_cli(capsys, "check", "pkg", "nope.py") == \
        (2, "", "loopsafe: error: nope.py: no such file or directory\n")


def test_unparsable_file_is_ls001_and_the_run_goes_on(project, capsys):
    (project / "pkg/broken.py").write_text("def f(:\n")
    code, found = findings(capsys)
    assert (code, found) == (1, [("LS101", "pkg/a.py", 5), ("LS001", "pkg/broken.py", 1)])


def test_noqa(project, capsys):
    (project / "pkg/a.py").write_text(SLEEPY.replace("sleep(1)", "sleep(1)  # noqa: LS1"))
    assert findings(capsys) == (0, [])


# --- configuration -----------------------------------------------------------------------------

def test_config_is_found_from_the_first_path(project, capsys):
    (project / "pyproject.toml").write_text(
        '[tool.loopsafe]\nexclude = ["gen"]\nper-file-ignores = {"pkg/b.py" = ["LS104"]}\n')
    (project / "pkg/b.py").write_text(FILE_IO)
    (project / "pkg/gen").mkdir()
    (project / "pkg/gen/g.py").write_text(SLEEPY)
    assert findings(capsys, "pkg") == (1, [("LS101", "pkg/a.py", 5)])


def test_config_errors_exit_2_naming_file_and_key(project, capsys):
    (project / "pyproject.toml").write_text("[tool.loopsafe]\nignroe = ['LS101']\n")
    assert run_cli(capsys, "check") == (2, "", f"loopsafe: error: {project / 'pyproject.toml'}: "
                                           "[tool.loopsafe]: unknown key 'ignroe' (did you mean 'ignore'?)\n")


def test_config_option(project, capsys):
    (project / "pyproject.toml").write_text("[tool.loopsafe]\nignore = ['LS101']\n")
    (project / "strict.toml").write_text("select = ['LS1']\n")
    assert findings(capsys)[0] == 0
    assert findings(capsys, "--config", "strict.toml")[0] == 1


def test_blocking_calls_from_config(project, capsys):
    (project / "pyproject.toml").write_text("[tool.loopsafe]\nblocking-calls = ['slowlib.crunch']\n")
    (project / "pkg/c.py").write_text("import slowlib\n\n\nasync def go():\n    slowlib.crunch()\n")
    assert ("LS109", "pkg/c.py", 5) in findings(capsys)[1]


def test_blocking_types_and_returns_from_config(project, capsys):
    """A vendor SDK outside the catalogue: every public method of its client blocks, and the
    factory that makes one is named with what it returns."""
    (project / "pyproject.toml").write_text(
        "[tool.loopsafe]\nblocking-types = ['vendor.sdk.Client']\n"
        "returns = {'vendor.sdk.connect' = 'vendor.sdk.Client'}\n")
    (project / "pkg/c.py").write_text(
        "import asyncio\nfrom vendor import sdk\nfrom vendor.sdk import Client, Report\nclient = sdk.connect('t')\n\n\n"
        "class Mine(Client):\n    pass\n\n\n"
        "async def go(report: Report):\n"
        "    client.fetch_orders()\n"  # line 12: through the factory
        "    Client().ping()\n"  # 13: the type itself
        "    Mine().ping()\n"  # 14: a subclass
        "    client._sign()\n"  # private: not a call of the API
        "    report.render()\n"  # another type of the SDK
        "    await asyncio.to_thread(client.fetch_orders)\n")
    found = {f for f in findings(capsys)[1] if f[1] == "pkg/c.py"}
    assert found == {("LS109", "pkg/c.py", 12), ("LS109", "pkg/c.py", 13), ("LS109", "pkg/c.py", 14)}


def test_no_cache_leaves_no_cache_folder(project, capsys):
    assert findings(capsys, "--no-cache")[0] == 1
    assert not (project / ".loopsafe_cache").exists()


def test_show_settings_is_a_loadable_table(project, capsys):
    (project / "pyproject.toml").write_text(
        '[tool.loopsafe]\nper-file-ignores = {"tests/**" = ["LS101"]}\ncache-dir = "c"\n')
    code, out, err = run_cli(capsys, "check", "--show-settings", "--ignore", "LS2", "--no-cache")
    assert (code, err) == (0, "")
    assert out == (f"# from {project / 'pyproject.toml'}; the command line applied\n"
                   f"# root: {project}\n[tool.loopsafe]\n"
                   'select = ["LS"]\nignore = ["LS2"]\nextend-select = []\n'
                   'per-file-ignores = {"tests/**" = ["LS101"]}\nexclude = []\n'
                   'extend-exclude = []\nforce-exclude = false\nrespect-gitignore = true\n'
                   'blocking-calls = []\nsafe-calls = []\nblocking-types = []\nreturns = {}\njobs = 0\nmin-confidence = "likely"\n'
                   f'cache-dir = "{project / "c"}"\n# cache: off\n')
    (project / "shown.toml").write_text(out.split("[tool.loopsafe]\n")[1])
    assert run_cli(capsys, "check", "--config", "shown.toml", "--show-settings")[0] == 0


def test_show_files(project, capsys):
    (project / "pyproject.toml").write_text('[tool.loopsafe]\nexclude = ["clean.py"]\n')
    assert run_cli(capsys, "check", "--show-files") == (0, "pkg/a.py\n", "")


# --- stdin -------------------------------------------------------------------------------------

def feed(monkeypatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))


@pytest.mark.parametrize("argv, name", [(["--stdin-filename", "app/x.py"], "app/x.py"),
                                        (["--stdin-filename", "app/x.py", "-"], "app/x.py"),
                                        (["-"], "-")])
def test_stdin(project, capsys, monkeypatch, argv, name):
    feed(monkeypatch, SLEEPY)
    assert run_cli(capsys, "check", *argv) == \
        (1, f"{name}:5:5: LS101 [*] {SLEEP_MESSAGE}\nFound 1 finding in 1 file (T). [*] 1 fixable with --fix.\n", "")


def test_stdin_filename_meets_per_file_ignores(project, capsys, monkeypatch):
    (project / "pyproject.toml").write_text('[tool.loopsafe]\nper-file-ignores = {"scripts/*" = ["LS1"]}\n')
    feed(monkeypatch, SLEEPY)
    assert run_cli(capsys, "check", "--stdin-filename", "scripts/x.py")[0] == 0


def test_stdin_filename_with_paths_checks_the_paths(project, capsys, monkeypatch):
    feed(monkeypatch, CLEAN)
    assert findings(capsys, "--stdin-filename", "x.py", "pkg") == (1, [("LS101", "pkg/a.py", 5)])


def test_stdin_with_other_paths_is_a_usage_error(project, capsys, monkeypatch):
    feed(monkeypatch, SLEEPY)
    assert run_cli(capsys, "check", "-", "pkg") == \
        (2, "", "loopsafe: error: '-' (stdin) cannot be combined with other paths\n")


# --- baseline ----------------------------------------------------------------------------------

def test_baseline_round_trip(project, capsys):
    assert run_cli(capsys, "check", "--write-baseline", "base.json") == \
        (0, "", "Wrote 1 finding to the baseline base.json.\n")
    assert run_cli(capsys, "check", "--baseline", "base.json")[:2] == \
        (0, "No findings in 2 files (T). 1 known finding hidden by the baseline.\n")
    # code added above moves the known finding; a second sleep is new
    (project / "pkg/a.py").write_text("# moved\n" + SLEEPY + "    time.sleep(2)\n")
    assert findings(capsys, "--baseline", "base.json") == (1, [("LS101", "pkg/a.py", 7)])


def test_bad_baseline_exits_2(project, capsys):
    (project / "base.json").write_text("[]")
    code, _, err = run_cli(capsys, "check", "--baseline", "base.json")
    assert code == 2 and err.startswith("loopsafe: error: base.json: not a loopsafe baseline")


# --- usage -------------------------------------------------------------------------------------

@pytest.mark.parametrize("argv, message", [
    (["check", "--format", "xml"], "invalid choice: 'xml'"),
    (["check", "--jobs", "-1"], "expected an integer >= 0 (0: one per core), got -1"),
    (["check", "--jobs", "many"], "expected an integer >= 0, got 'many'"),
    (["check", "--fix", "--diff"], "not allowed with argument --fix"),
    (["check", "--baseline", "a", "--write-baseline", "b"], "not allowed with argument --baseline"),
    (["lint"], "invalid choice: 'lint'"),
    ([], "a command is required"),
])
def test_usage_errors_exit_2(project, capsys, argv, message):
    code, out, err = run_cli(capsys, *argv)
    assert (code, out) == (2, "")
    assert message in err and "Traceback" not in err


def test_version(capsys):
    assert run_cli(capsys, "--version") == (0, f"loopsafe {__version__}\n", "")


def test_help_exits_0(capsys):
    code, out, _ = run_cli(capsys, "check", "--help")
    assert code == 0 and "--stdin-filename NAME" in out and "--write-baseline FILE" in out


def test_jobs_are_passed_to_the_engine(project, capsys, monkeypatch):
    seen = []
    import loopsafe.linter.engine as engine

    real = engine.lint_paths
    monkeypatch.setattr(engine, "lint_paths", lambda paths, s, inputs=None: seen.append(s.jobs) or real(paths, s, inputs))
    assert findings(capsys, "--jobs", "3")[0] == 1
    assert seen == [3]


# --- exclusions, statistics, quiet, colour -----------------------------------------------------

def test_exclude_flags(project, capsys):
    (project / "gen").mkdir()
    (project / "gen/g.py").write_text(SLEEPY)
    (project / "pyproject.toml").write_text("[tool.loopsafe]\nexclude = ['pkg']\n")
    assert findings(capsys) == (1, [("LS101", "gen/g.py", 5)])
    assert findings(capsys, "--exclude", "gen")[1] == [("LS101", "pkg/a.py", 5)]
    assert findings(capsys, "--extend-exclude", "gen") == (0, [])
    # a named file skips exclude only with --force-exclude
    assert findings(capsys, "pkg/a.py")[1] == [("LS101", "pkg/a.py", 5)]
    assert findings(capsys, "--force-exclude", "pkg/a.py", "gen/g.py")[1] == [("LS101", "gen/g.py", 5)]


def test_empty_select_is_a_usage_error(project, capsys):
    code, out, err = run_cli(capsys, "check", "--select", "")
    assert (code, out) == (2, "")
    assert err.startswith("loopsafe: error: --select: the selection is empty")


def test_statistics(project, capsys):
    (project / "pkg/b.py").write_text(SLEEPY)
    assert run_cli(capsys, "check", "--statistics") == (1, "2\tLS101\t[*] sleep-in-coroutine\n", "")
    code, out, _ = run_cli(capsys, "check", "--statistics", "--format", "json")
    assert (code, json.loads(out)) == (1, [{"code": "LS101", "name": "sleep-in-coroutine",
                                            "count": 2, "fixable": 2}])
    assert run_cli(capsys, "check", "--statistics", "--format", "sarif") == (
        2, "", "loopsafe: error: --statistics works with --format text or json, not sarif\n")


def test_quiet(project, capsys):
    assert run_cli(capsys, "check", "-q") == (1, f"pkg/a.py:5:5: LS101 [*] {SLEEP_MESSAGE}\n", "")
    assert run_cli(capsys, "check", "--quiet", "--write-baseline", "b.json") == (0, "", "")


@pytest.mark.parametrize("env, tty, coloured", [
    ({}, False, False), ({}, True, True), ({"NO_COLOR": "1"}, True, False),
    ({"FORCE_COLOR": "1"}, False, True), ({"FORCE_COLOR": "0"}, True, True),
    ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),
])
def test_colour_follows_the_terminal_and_the_environment(monkeypatch, env, tty, coloured):
    from loopsafe.linter.cli import use_color

    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    stream = io.StringIO()
    stream.isatty = lambda: tty
    assert use_color(stream, None) is coloured
    assert use_color(stream, Path("report.txt")) is False


def test_force_exclude_applies_to_the_stdin_filename(project, capsys, monkeypatch):
    (project / "pyproject.toml").write_text('[tool.loopsafe]\nexclude = ["gen"]\n')
    feed(monkeypatch, SLEEPY)
    assert findings(capsys, "--stdin-filename", "gen/x.py") == (1, [("LS101", "gen/x.py", 5)])
    feed(monkeypatch, SLEEPY)
    assert run_cli(capsys, "check", "--force-exclude", "--stdin-filename", "gen/x.py") == \
        (0, "No findings in 0 files (T).\n", "")
    feed(monkeypatch, SLEEPY)  # with --fix, the source passes through unchanged
    assert run_cli(capsys, "check", "--force-exclude", "--fix", "--stdin-filename", "gen/x.py")[1] \
        == SLEEPY

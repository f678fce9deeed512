"""The examples at run time: every good form passes under the loopsafe plugin, and every
broken form fails the way the material's bug fails.

The scenarios (``scenarios.py``) run in an inner pytest session with
``--loopsafe-blocking=fail --loopsafe-leaks=fail``, in a temporary folder that
holds a copy of examples/ (the plugin blames only code under the session's
root, as it would in a user's project). One inner session runs all the good
forms, another all the broken ones; the tests here read their results (JUnit
XML) and the plugin's JSON report. Two broken forms are checked outside the
plugin, in a process of their own, because their failure is the process
itself: the unguarded module that re-imports itself (pattern 6) and the
producer left blocked by a dead consumer (pattern 7). The good forms also run
as programs, the way examples/README.md tells users to run them.

A part of the plugin that is not there yet (an option, a fixture, the report)
skips the tests that need it, with a reason that names it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest

from .example_files import BROKEN, EXAMPLES, GOOD, REPO, pattern_files, runtime_markers

SCENARIOS = Path(__file__).with_name("scenarios.py")
START_METHODS = ("spawn", "forkserver", "fork")
PLUGIN_OPTIONS = ("--loopsafe-blocking=fail", "--loopsafe-leaks=fail", "--loopsafe-report=report.json")
INNER_TIMEOUT = 240  # seconds for one inner session: a hang fails the run instead of stalling the suite

# What the failure of each broken form's scenario must say (a regex), beyond the
# events its ``# runtime:`` markers ask for.
BROKEN_FAILURES = {
    "p02_event_loop": r"There is no current event loop in thread",
    "p04_thread": r"leaked-thread",
    "p05_thread_lock": r"assert \d+ == 10",  # updates lost
    "p08_run_in_executor": r"blocking-call\] time\.sleep",
    "p09_loop_in_thread": r"leaked-thread",
    "p10_async_process_pool": r"'Pool' object has no attribute 'submit'",
    "p12_crawler": r"'Pool' object has no attribute 'submit'",
    "p12_crawler_lambda": r"[Cc]an't (pickle|get local object) .*<lambda>",  # 3.13: AttributeError: Can't get local object
    "p13_server": r"b''\.startswith|TimeoutError",  # no answer to a bad request: empty, or none at all
}
# Broken forms whose failure is their own process: checked by the tests at the end.
PROCESS_CHECKED = {"p06_process", "p07_process_queue"}
# Good forms whose scenarios run once per start method.
PER_START_METHOD = {"p06_process", "p07_process_queue", "p10_async_process_pool",
                    "p11_loop_in_process", "p12_crawler"}


@dataclass(frozen=True)
class Case:
    outcome: str  # passed, failed, error or skipped
    text: str  # the failure or skip report


@dataclass(frozen=True)
class InnerRun:
    cases: dict[str, Case]  # test name, with its parameters -> result
    events: list[dict] | None  # the plugin's report; None if it wrote none
    output: str


def _scenario_names(kind: str, stem: str) -> list[str]:
    defined = set(re.findall(r"^def (test_\w+)", SCENARIOS.read_text(encoding="utf-8"), re.MULTILINE))
    return [name for name in (f"test_{stem}", f"test_{kind}_{stem}") if name in defined]


def _cases(junit: Path) -> dict[str, Case]:
    outcomes = {"failure": "failed", "error": "error", "skipped": "skipped"}
    cases = {}
    for testcase in ElementTree.parse(junit).iter("testcase"):
        outcome, text = "passed", ""
        for child in testcase:
            if child.tag in outcomes:
                outcome = outcomes[child.tag]
                text += f"{child.get('message', '')}\n{child.text or ''}\n"
        cases[testcase.get("name")] = Case(outcome, text)
    return cases


def _run_inner(kind: str, stems: list[str], folder: Path) -> InnerRun:
    shutil.copytree(EXAMPLES, folder / "examples", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(SCENARIOS, folder / "test_scenarios.py")
    (folder / "pytest.ini").write_text("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    names = [name for stem in stems for name in _scenario_names(kind, stem)]
    path = os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH")]))
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *PLUGIN_OPTIONS,
         "--junitxml=junit.xml", "--timeout=60", *(f"test_scenarios.py::{name}" for name in names)],
        cwd=folder, env={**os.environ, "PYTHONPATH": path, "LOOPSAFE_EXAMPLES": kind},
        capture_output=True, text=True, timeout=INNER_TIMEOUT, check=False)
    output = proc.stdout + proc.stderr
    if "unrecognized arguments" in proc.stderr:
        pytest.fail(f"the loopsafe plugin does not register these options: {proc.stderr.strip()}")
    if not (folder / "junit.xml").exists():
        pytest.fail(f"the inner session wrote no results:\n{output}")
    report = folder / "report.json"
    events = json.loads(report.read_text(encoding="utf-8"))["events"] if report.exists() else None
    return InnerRun(_cases(folder / "junit.xml"), events, output)


@pytest.fixture(scope="module")
def good_run(tmp_path_factory) -> InnerRun:
    return _run_inner("good", [p.stem for p in pattern_files(GOOD)], tmp_path_factory.mktemp("good"))


@pytest.fixture(scope="module")
def broken_run(tmp_path_factory) -> InnerRun:
    return _run_inner("broken", sorted(BROKEN_FAILURES), tmp_path_factory.mktemp("broken"))


def _results(run: InnerRun, kind: str, stem: str) -> dict[str, Case]:
    """The results of an example's scenarios (every parameter of each); fails the test when
    a fixture of the plugin that a scenario needs is missing."""
    names = _scenario_names(kind, stem)
    assert names, f"scenarios.py has no scenario for examples/{kind}/{stem}.py"
    found = {name: case for name, case in run.cases.items()
             if any(name == n or name.startswith(f"{n}[") for n in names)}
    assert found, f"the scenarios of examples/{kind}/{stem}.py did not run:\n{run.output}"
    for case in found.values():
        missing = re.search(r"fixture '(\w+)' not found", case.text)
        if missing:
            pytest.fail(f"the loopsafe plugin has no fixture {missing.group(1)!r}")
    return found


def _id(path: Path) -> str:
    return path.stem


@pytest.mark.parametrize("path", pattern_files(GOOD), ids=_id)
def test_good_example_passes_under_the_plugin(path: Path, good_run: InnerRun) -> None:
    results = _results(good_run, "good", path.stem)
    assert {name: case.text for name, case in results.items() if case.outcome != "passed"} == {}
    if path.stem in PER_START_METHOD:
        ran = {m.group(1) for name in results for m in [re.search(r"\[(\w+)\]$", name)] if m}
        assert ran == set(START_METHODS), f"expected a run per start method, got {sorted(results)}"


@pytest.mark.parametrize("path", [p for p in pattern_files(BROKEN) if p.stem not in PROCESS_CHECKED],
                         ids=_id)
def test_broken_example_fails_as_the_material_does(path: Path, broken_run: InnerRun) -> None:
    results = _results(broken_run, "broken", path.stem)
    for name, case in results.items():
        assert case.outcome in ("failed", "error"), f"{name} {case.outcome}: the broken form must fail"
        assert re.search(BROKEN_FAILURES[path.stem], case.text), case.text
    markers = runtime_markers(path)
    if markers and broken_run.events is None:
        pytest.fail("the loopsafe plugin wrote no --loopsafe-report: the event locations cannot be checked")
    where = f"examples/broken/{path.name}"
    for kind, line in markers.items():
        events = [e for e in broken_run.events if e["kind"] == kind
                  and any(e["test"].endswith(f"::{name}") for name in results)]
        assert events, f"no {kind} event for {sorted(results)}: {broken_run.events}"
        located = {((e["location"] or {}).get("path", "").replace(os.sep, "/"), (e["location"] or {}).get("line"))
                   for e in events}
        assert (where, line) in located, f"{kind} not located at {where}:{line}: {events}"


@pytest.mark.parametrize("path", pattern_files(GOOD), ids=_id)
def test_good_example_runs_as_a_program(path: Path) -> None:
    """As examples/README.md says to run it: its own pools, its own loop, the platform's start method."""
    proc = subprocess.run([sys.executable, "-m", f"examples.good.{path.stem}"], cwd=REPO,
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr


def test_every_broken_example_has_a_runtime_check() -> None:
    assert {p.stem for p in pattern_files(BROKEN)} == set(BROKEN_FAILURES) | PROCESS_CHECKED


# Run a script as __main__ under a chosen start method, as `python script.py` would with
# that platform default: the spawned child then re-imports the script as __mp_main__.
_RUN_AS_MAIN = ("import multiprocessing, runpy, sys; multiprocessing.set_start_method(sys.argv[1]); "
                "runpy.run_path(sys.argv[2], run_name='__main__')")


@pytest.mark.parametrize("method", START_METHODS)
def test_unguarded_process_start_fails_where_the_child_reimports(method: str) -> None:
    proc = subprocess.run([sys.executable, "-c", _RUN_AS_MAIN, method, str(BROKEN / "p06_process.py")],
                          cwd=REPO, capture_output=True, text=True, timeout=60, check=False)
    if method == "fork":
        # the child is a copy of the parent, nothing is re-imported: the bug hides here
        assert "Process finished" in proc.stdout, proc.stderr
    else:
        # the child re-ran the module-level start() while it was still starting
        assert "bootstrapping phase" in proc.stderr
        assert "Process finished" not in proc.stdout


def test_dead_consumer_leaves_the_producer_blocked(tmp_path: Path) -> None:
    errors = tmp_path / "stderr.txt"
    with errors.open("w") as sink:
        proc = subprocess.Popen([sys.executable, "-m", "examples.broken.p07_process_queue"], cwd=REPO,
                                stdout=subprocess.DEVNULL, stderr=sink, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while ("ZeroDivisionError" not in errors.read_text() and proc.poll() is None
               and time.monotonic() < deadline):
            time.sleep(0.05)
        assert "ZeroDivisionError" in errors.read_text(), "the consumer should have died on its first item"
        # the parent still waits in p1.join(): the producer blocks on a full queue nobody reads
        with pytest.raises(subprocess.TimeoutExpired):
            proc.wait(timeout=1.0)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the parent and its children: one session
        proc.wait()

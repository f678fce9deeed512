"""Each kind of runtime event against the linter: confirmed, missed (why, and the entry that
makes the linter flag it), suppressed (by what), lag and runtime-only."""

from __future__ import annotations

from pathlib import Path

from .helpers import event, frame, library, line_of, reconcile_json, report

CALLS = "app/calls.py"
TEST = "tests/test_app.py"


def at(project: Path, marker: str, function: str, path: str = CALLS) -> tuple[str, int, str]:
    return path, line_of(project / path, marker), function


def outer(project: Path, marker: str, function: str) -> str:
    """A stack frame of the test, then the call at ``marker``."""
    return frame(*at(project, marker, function))


def sdk_frame(sdk: Path, marker: str, module: str, qualname: str | None) -> dict:
    path = sdk / (module.replace(".", "/") + ".py")
    return library(path, line_of(path, marker), module, qualname)


def only(capsys, *events: dict, args: tuple[str, ...] = ()) -> tuple[int, dict]:
    status, output = reconcile_json(capsys, str(report(Path.cwd(), *events)), *args)
    assert len(output["events"]) == len(events)
    return status, output["events"][0]


def test_a_blocking_call_the_linter_reports_is_confirmed(project, capsys):
    line = line_of(project / CALLS, "direct")
    status, verdict = only(capsys, event(at=(CALLS, line, "direct")))
    assert (status, verdict["status"], verdict["suggestion"]) == (1, "confirmed", None)
    assert [(f["code"], f["path"], f["line"]) for f in verdict["findings"]] == [("LS101", CALLS, line)]
    assert verdict["reason"] == f"the linter reports it: LS101 at {CALLS}:{line}:5"


def test_a_call_through_a_helper_is_confirmed_by_the_finding_whose_trace_ends_there(project, capsys):
    sleep = at(project, "helper-sleep", "helper")
    status, verdict = only(capsys, event(at=sleep, stack=[
        frame(TEST, 5, "test_a"), outer(project, "through-helper", "through_helper"), frame(*sleep)]))
    assert verdict["status"] == "confirmed"
    [finding] = verdict["findings"]
    assert (finding["code"], finding["line"]) == ("LS101", line_of(project / CALLS, "through-helper"))
    assert finding["trace"][-1] == f"{CALLS}:{sleep[1]} time.sleep()"


def test_a_call_into_an_sdk_is_missed_with_its_qualified_name_and_a_verified_entry(project, sdk, capsys):
    site = at(project, "sdk", "sdk")
    status, verdict = only(capsys, event(
        at=site, outside=[sdk_frame(sdk, "sdk-sleep", "vendorlib.client", "fetch_quota")]))
    assert (status, verdict["status"]) == (1, "missed")
    assert verdict["suggestion"] == {
        "key": "blocking-calls", "entry": "vendorlib.client.fetch_quota",
        "function": "vendorlib.client.fetch_quota",
        "frame": f"{sdk / 'vendorlib/client.py'}:{line_of(sdk / 'vendorlib/client.py', 'sdk-sleep')}",
        "call_site": f"{CALLS}:{site[1]}", "verified": True}
    assert verdict["reason"].startswith("unknown API: `vendorlib.client.fetch_quota` is outside the "
                                        "checked paths")
    assert verdict["reason"].endswith("at runtime it called `time.sleep`")


def test_the_entry_is_spelled_as_the_code_imports_it(project, sdk, capsys):
    _, verdict = only(capsys, event(
        at=at(project, "reexported", "reexported"),
        outside=[sdk_frame(sdk, "sdk-sleep", "vendorlib.client", "fetch_quota")]))
    assert (verdict["suggestion"]["entry"], verdict["suggestion"]["function"]) == (
        "vendorlib.fetch_quota", "vendorlib.client.fetch_quota")
    assert verdict["reason"].startswith("unknown API: `vendorlib.client.fetch_quota` (imported as "
                                        "`vendorlib.fetch_quota`) is outside the checked paths")


def test_a_method_on_a_typed_object_is_named_with_its_class(project, sdk, capsys):
    _, verdict = only(capsys, event(
        at=at(project, "method", "method"),
        outside=[sdk_frame(sdk, "client-get", "vendorlib.client", "Client.get")]))
    assert verdict["suggestion"]["entry"] == "vendorlib.Client.get"
    assert verdict["suggestion"]["verified"] is True


def test_without_the_code_objects_qualname_the_method_is_found_in_the_sdks_source(project, sdk, capsys):
    """Python 3.10 has no ``co_qualname``: the frame gives only ``get``."""
    _, verdict = only(capsys, event(
        at=at(project, "method", "method"),
        outside=[sdk_frame(sdk, "client-get", "vendorlib.client", None) | {"function": "get"}]))
    assert verdict["suggestion"]["function"] == "vendorlib.client.Client.get"


def test_a_call_the_linter_cannot_resolve_gets_an_unverified_entry(project, sdk, capsys):
    status, output = reconcile_json(capsys, str(report(project, event(
        at=at(project, "untyped", "untyped"),
        outside=[sdk_frame(sdk, "client-get", "vendorlib.client", "Client.get")]))))
    [verdict] = output["events"]
    assert verdict["status"] == "missed"
    assert verdict["reason"].startswith("unresolved call: the linter did not connect the call at "
                                        f"{CALLS}:{line_of(project / CALLS, 'untyped')}")
    assert verdict["reason"].endswith(
        "no `blocking-calls` entry makes it flag the call (tried `vendorlib.client.Client.get`, "
        "`vendorlib.Client.get`); at runtime it called `time.sleep`")
    assert verdict["suggestion"]["verified"] is False
    assert output["summary"]["suggested"] == []


def test_a_decorators_wrapper_and_contextlib_are_passed_over_for_the_function_they_run(
        project, sdk, capsys):
    wrapper = sdk_frame(sdk, "wrapper", "vendorlib.client", "retry.<locals>.wrapper")
    _, decorated = only(capsys, event(at=at(project, "decorated", "decorated"), outside=[
        wrapper, sdk_frame(sdk, "upload", "vendorlib.client", "upload")]))
    assert (decorated["suggestion"]["entry"], decorated["suggestion"]["verified"]) == (
        "vendorlib.client.upload", True)
    enter = library(Path("/usr/lib/python3/contextlib.py"), 137, "contextlib",
                    "_GeneratorContextManager.__enter__")
    _, managed = only(capsys, event(at=at(project, "in-session", "in_session"), outside=[
        enter, sdk_frame(sdk, "session", "vendorlib.client", "session")]))
    assert (managed["suggestion"]["entry"], managed["suggestion"]["verified"]) == (
        "vendorlib.client.session", True)


def test_a_project_file_the_linter_does_not_read_is_not_analysed(project, capsys):
    old = at(project, "old-fetch", "old_fetch", path="vendored/legacy.py")
    call = at(project, "legacy", "legacy")
    status, verdict = only(capsys, event(at=old, stack=[
        frame(TEST, 5, "test_a"), frame(*call), frame(*old)]))
    assert verdict["status"] == "missed"
    assert verdict["reason"].startswith("not analysed: vendored/legacy.py is not among the checked "
                                        "paths, so the linter cannot see that "
                                        "`vendored.legacy.old_fetch` blocks")
    assert (verdict["suggestion"]["entry"], verdict["suggestion"]["call_site"],
            verdict["suggestion"]["verified"]) == ("vendored.legacy.old_fetch", f"{CALLS}:{call[1]}", True)


def test_a_stack_with_no_checked_file_is_not_analysed(project, capsys):
    sleep = at(project, "test-sleep", "test_a", path=TEST)
    status, output = reconcile_json(capsys, str(report(project, event(at=sleep))), "app")
    [verdict] = output["events"]
    assert (verdict["status"], verdict["reason"]) == (
        "missed", f"not analysed: none of the files on the stack ({TEST}) is among the checked paths")
    assert verdict["suggestion"] is None


def test_a_known_call_the_linter_does_not_see_on_the_loop_is_unresolved(project, capsys):
    callback = at(project, "callback", "callback")
    _, verdict = only(capsys, event(at=callback))
    assert verdict["status"] == "missed"
    assert verdict["reason"].startswith("unresolved call: the linter knows `time.sleep` blocks but did "
                                        f"not connect the call at {CALLS}:{callback[1]} to it")
    assert verdict["suggestion"] is None


def test_a_noqa_comment_suppresses(project, capsys):
    line = line_of(project / CALLS, "noqa: LS101")
    status, verdict = only(capsys, event(at=(CALLS, line, "silenced")))
    assert (status, verdict["status"], verdict["reason"]) == (
        0, "suppressed", f"`# noqa: LS101` at {CALLS}:{line} hides it")


def test_a_noqa_on_the_coroutines_call_into_a_helper_suppresses(project, capsys):
    text = (project / CALLS).read_text().replace("helper()  # through-helper", "helper()  # noqa")
    (project / CALLS).write_text(text)
    sleep = at(project, "helper-sleep", "helper")
    call = (CALLS, line_of(project / CALLS, "noqa"), "through_helper")
    _, verdict = only(capsys, event(at=sleep, stack=[frame(TEST, 5, "test_a"), frame(*call), frame(*sleep)]))
    assert (verdict["status"], verdict["reason"]) == ("suppressed", f"`# noqa` at {CALLS}:{call[1]} hides it")


def _configure(project: Path, lines: str) -> None:
    (project / "pyproject.toml").write_text(f'[tool.loopsafe]\nexclude = ["vendored"]\n{lines}\n')


def test_per_file_ignores_suppress(project, capsys):
    _configure(project, 'per-file-ignores = {"app/calls.py" = ["LS1"]}')
    line = line_of(project / CALLS, "direct")
    _, verdict = only(capsys, event(at=(CALLS, line, "direct")))
    assert (verdict["status"], verdict["reason"]) == (
        "suppressed", f"`per-file-ignores` 'app/calls.py' hides it: LS101 at {CALLS}:{line}:5")


def test_a_rule_left_out_of_the_selection_suppresses(project, capsys):
    _configure(project, 'ignore = ["LS101"]')
    _, verdict = only(capsys, event(at=at(project, "direct", "direct")))
    assert verdict["status"] == "suppressed"
    assert verdict["reason"].startswith("the rule selection (select/ignore) leaving out LS101 hides it")


def test_safe_calls_suppress_a_helper_and_an_sdk(project, sdk, capsys):
    _configure(project, 'safe-calls = ["app.calls.helper", "vendorlib"]')
    sleep = at(project, "helper-sleep", "helper")
    _, helper = only(capsys, event(at=sleep, stack=[
        outer(project, "through-helper", "through_helper"), frame(*sleep)]))
    assert helper["status"] == "suppressed"
    assert helper["reason"].startswith("a `safe-calls` entry hides it: LS101 at")
    _, sdk_call = only(capsys, event(at=at(project, "sdk", "sdk"), outside=[
        sdk_frame(sdk, "sdk-sleep", "vendorlib.client", "fetch_quota")]))
    assert (sdk_call["status"], sdk_call["reason"]) == (
        "suppressed", "the `safe-calls` entry 'vendorlib' exempts `vendorlib.client.fetch_quota`")


def test_the_baseline_suppresses(project, capsys):
    from loopsafe.linter.cli import main

    assert main(["check", "--no-cache", "--write-baseline", "baseline.json"]) == 0
    capsys.readouterr()
    line = line_of(project / CALLS, "direct")
    _, verdict = only(capsys, event(at=(CALLS, line, "direct")), args=("--baseline", "baseline.json"))
    assert (verdict["status"], verdict["reason"]) == (
        "suppressed", f"the baseline baseline.json records it: LS101 at {CALLS}:{line}:5")


def test_lag_outside_known_calls_is_lag_and_names_the_library_function(project, sdk, capsys):
    status, verdict = only(capsys, event("loop-lag", at=at(project, "cpu", "cpu"), outside=[
        sdk_frame(sdk, "crunch", "vendorlib.client", "crunch")]))
    assert (status, verdict["status"]) == (0, "lag")
    assert verdict["reason"] == ("no known blocking call was intercepted: the loop was held at "
                                 f"{CALLS}:{line_of(project / CALLS, 'cpu')}, inside "
                                 "`vendorlib.client.crunch` (CPU-bound work or C code)")


def test_lag_at_a_line_the_linter_flags_is_confirmed(project, capsys):
    _, verdict = only(capsys, event("loop-lag", at=at(project, "direct", "direct")))
    assert verdict["status"] == "confirmed"


def test_leaks_no_rule_covers_are_runtime_only(project, capsys):
    status, verdict = only(capsys, event("leaked-thread", at=at(project, "direct", "direct")))
    assert (status, verdict["status"], verdict["reason"]) == (
        0, "runtime-only", "no linter rule covers leaked-thread events")


def test_an_unclosed_loop_is_confirmed_by_ls204(project, capsys):
    (project / "app/loops.py").write_text(
        "import asyncio\n\n\ndef make():\n    loop = asyncio.new_event_loop()  # new-loop\n    return 1\n")
    _, verdict = only(capsys, event("leaked-loop", at=at(project, "new-loop", "make", path="app/loops.py")))
    assert verdict["status"] == "confirmed"
    assert [f["code"] for f in verdict["findings"]] == ["LS204"]


def test_report_paths_are_found_from_another_working_folder(project, sdk, capsys, monkeypatch):
    path = report(project, event(at=at(project, "direct", "direct")),
                  event(at=at(project, "sdk", "sdk"),
                        outside=[sdk_frame(sdk, "sdk-sleep", "vendorlib.client", "fetch_quota")]))
    monkeypatch.chdir(project / "app")
    status, output = reconcile_json(capsys, str(path), ".")
    assert [e["status"] for e in output["events"]] == ["confirmed", "missed"]
    assert output["events"][1]["suggestion"]["call_site"] == f"calls.py:{line_of(project / CALLS, 'sdk')}"
    assert output["summary"] == {"events": 2, "confirmed": 1, "missed": 1, "suppressed": 0, "lag": 0,
                                 "runtime-only": 0, "files": 2,
                                 "suggested": ["vendorlib.client.fetch_quota"]}


def test_exit_zero_and_an_empty_report(project, capsys):
    status, output = reconcile_json(capsys, str(report(project, event(at=at(project, "direct", "direct")))),
                                    "--exit-zero")
    assert status == 0
    status, output = reconcile_json(capsys, str(report(project)))
    assert (status, output["events"], output["summary"]["events"]) == (0, [], 0)


def test_a_leak_in_a_file_the_linter_does_not_read_is_not_analysed(project, capsys):
    old = at(project, "old-fetch", "old_fetch", path="vendored/legacy.py")
    _, verdict = only(capsys, event("leaked-loop", at=old))
    assert (verdict["status"], verdict["reason"]) == (
        "runtime-only", "not analysed: none of the files on the stack (vendored/legacy.py) is among "
                        "the checked paths")
    _, verdict = only(capsys, event("unpicklable", at=at(project, "direct", "direct")))
    assert (verdict["status"], verdict["reason"]) == (
        "runtime-only", f"the linter reports nothing at {CALLS}:{line_of(project / CALLS, 'direct')}")

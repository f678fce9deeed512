"""``--write-config``: the verified entries are shown, then added to the configuration in
use; with them, ``loopsafe check`` flags the calls and reconcile confirms them."""

from __future__ import annotations

from loopsafe.linter.cli import main

from .helpers import event, line_of, reconcile, report, write
from .test_classify import CALLS, at, sdk_frame


def _sdk_events(project, sdk):
    quota = sdk_frame(sdk, "sdk-sleep", "vendorlib.client", "fetch_quota")
    return report(project, event(at=at(project, "sdk", "sdk"), outside=[quota]),
                  event(at=at(project, "reexported", "reexported"), outside=[quota]),
                  event(at=at(project, "untyped", "untyped"),
                        outside=[sdk_frame(sdk, "client-get", "vendorlib.client", "Client.get")]))


def test_the_entries_are_added_and_then_flagged_and_confirmed(project, sdk, capsys):
    path = _sdk_events(project, sdk)
    status, out, err = reconcile(capsys, str(path), "--no-cache", "--write-config")
    assert status == 1
    assert err.splitlines() == [
        "Not adding 'vendorlib.client.Client.get': linting with it did not flag the call (see the reason).",
        f"Adding to {project / 'pyproject.toml'} [tool.loopsafe]: "
        'blocking-calls = ["vendorlib.client.fetch_quota", "vendorlib.fetch_quota"]',
        f"  vendorlib.client.fetch_quota: vendorlib.client.fetch_quota (at "
        f"{sdk / 'vendorlib/client.py'}:{line_of(sdk / 'vendorlib/client.py', 'sdk-sleep')}), "
        f"called at {CALLS}:{line_of(project / CALLS, 'sdk')}",
        f"  vendorlib.fetch_quota: vendorlib.client.fetch_quota (at "
        f"{sdk / 'vendorlib/client.py'}:{line_of(sdk / 'vendorlib/client.py', 'sdk-sleep')}), "
        f"called at {CALLS}:{line_of(project / CALLS, 'reexported')}",
    ]
    assert (project / "pyproject.toml").read_text() == (
        '[tool.loopsafe]\n# vendored code is not ours to lint\nexclude = ["vendored"]\n'
        'blocking-calls = ["vendorlib.client.fetch_quota", "vendorlib.fetch_quota"]\n')

    assert main(["check", "--no-cache", "--select", "LS109", "--format", "json", "app"]) == 1
    import json

    found = json.loads(capsys.readouterr().out)["diagnostics"]
    assert [(d["code"], d["path"], d["line"]) for d in found] == [
        ("LS109", CALLS, line_of(project / CALLS, "sdk")),
        ("LS109", CALLS, line_of(project / CALLS, "reexported"))]

    status, out, err = reconcile(capsys, str(path), "--no-cache", "--write-config")
    assert out.splitlines()[-1].startswith("3 runtime events: 2 confirmed, 1 missed")
    assert err.splitlines()[-1] == "No blocking-calls entry to add."


def test_nothing_verified_leaves_the_file_alone(project, sdk, capsys):
    before = (project / "pyproject.toml").read_text()
    path = report(project, event(at=at(project, "untyped", "untyped"), outside=[
        sdk_frame(sdk, "client-get", "vendorlib.client", "Client.get")]))
    status, _, err = reconcile(capsys, str(path), "--no-cache", "--write-config")
    assert err.splitlines()[-1] == "No blocking-calls entry to add."
    assert (project / "pyproject.toml").read_text() == before


def test_a_loopsafe_only_config_file_is_edited_at_its_top_level(project, sdk, capsys):
    (project / "pyproject.toml").unlink()
    write(project, {"ci/loopsafe.toml": 'exclude = ["vendored"]\n\n[per-file-ignores]\n"gen/**" = ["LS1"]\n'})
    path = report(project, event(at=at(project, "sdk", "sdk"), outside=[
        sdk_frame(sdk, "sdk-sleep", "vendorlib.client", "fetch_quota")]))
    status, _, err = reconcile(capsys, str(path), "--no-cache", "--config", "ci/loopsafe.toml",
                               "--write-config")
    assert f"Adding to {project / 'ci/loopsafe.toml'}: blocking-calls" in err
    assert (project / "ci/loopsafe.toml").read_text() == (
        'exclude = ["vendored"]\nblocking-calls = ["vendorlib.client.fetch_quota"]\n\n'
        '[per-file-ignores]\n"gen/**" = ["LS1"]\n')


def test_without_any_pyproject_one_is_written_in_the_project_root(project, sdk, capsys):
    (project / "pyproject.toml").unlink()
    path = report(project, event(at=at(project, "sdk", "sdk"), outside=[
        sdk_frame(sdk, "sdk-sleep", "vendorlib.client", "fetch_quota")]))
    reconcile(capsys, str(path), "app", "--no-cache", "--write-config")
    assert (project / "pyproject.toml").read_text() == (
        '[tool.loopsafe]\nblocking-calls = ["vendorlib.client.fetch_quota"]\n')


def test_a_file_that_cannot_be_edited_safely_is_left_alone_with_what_to_add(project, sdk, capsys):
    text = '[tool]\nloopsafe.exclude = ["vendored"]\n'
    (project / "pyproject.toml").write_text(text)
    path = report(project, event(at=at(project, "sdk", "sdk"), outside=[
        sdk_frame(sdk, "sdk-sleep", "vendorlib.client", "fetch_quota")]))
    status, out, err = reconcile(capsys, str(path), "--no-cache", "--write-config")
    assert status == 2
    assert err == (f"loopsafe: error: {project / 'pyproject.toml'}: cannot add the entries ([tool.loopsafe] "
                   "is written with dotted keys, not as a table); add them to "
                   f"{project / 'pyproject.toml'} [tool.loopsafe] by hand: "
                   'blocking-calls = ["vendorlib.client.fetch_quota"]\n')
    assert (project / "pyproject.toml").read_text() == text

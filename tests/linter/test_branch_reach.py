"""A helper's blocking call is followed only through the branches the caller's arguments
can take; each finding says how sure it is (``confidence``) and where it ends (``root``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loopsafe.linter.cli import main
from loopsafe.linter.engine import lint_paths
from loopsafe.linter.settings import Settings

HELPERS = '''\
import io

DEFAULTS = {"version": 1}


class File:
    def __init__(self, fp, spool=None):
        if isinstance(fp, io.IOBase):
            self.fp = fp
        else:
            self.fp = open(fp, "rb")


class Config:
    def __init__(self, log_config=DEFAULTS):
        self.log_config = log_config
        self.configure()

    def configure(self):
        if self.log_config is not None:
            if isinstance(self.log_config, dict):
                pass
            elif isinstance(self.log_config, str) and self.log_config.endswith(".json"):
                with open(self.log_config) as file:
                    file.read()


def load(path=None):
    if path is None:
        return {}
    with open(path) as file:
        return file.read()


def always(path):
    return open(path).read()


def passes_on(path):
    return load(path)
'''

CALLERS = '''\
import io

from helpers import Config, File, always, load, passes_on


async def in_memory(data):
    File(io.BytesIO(data))


async def on_disk(path):
    File(path)


async def a_default_config():
    Config()


async def a_dict_config():
    Config(log_config={"handlers": {}})


async def a_path_config():
    Config("log.json")


async def test_with_a_fixture(config_fixture):
    Config(log_config=config_fixture)


async def nothing_to_load():
    load()


async def none_to_load():
    load(None)


async def a_file_to_load():
    load("data.txt")


async def through_a_helper():
    passes_on(None)


async def unpacked(*args):
    load(*args)


async def unconditional(path):
    always(path)


async def direct(path):
    open(path)
'''


@pytest.fixture()
def project(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)  # the project's root: `helpers` is found from there
    (tmp_path / "helpers.py").write_text(HELPERS)
    (tmp_path / "callers.py").write_text(CALLERS)
    return tmp_path


def _found(root: Path, least: str = "possible") -> dict[int, tuple[str, str | None, str | None]]:
    settings = Settings(cache=False, root=root, min_confidence=least)
    result = lint_paths([str(root / "callers.py")], settings)
    return {d.line: (d.code, d.confidence, d.root and d.root.split(" ")[0].rsplit("/", 1)[-1])
            for d in result.diagnostics}


def test_only_the_calls_that_can_take_the_branch_are_reported(project: Path) -> None:
    assert _found(project) == {
        11: ("LS104", "likely", "helpers.py:11"),  # File(path): a path may be a str
        23: ("LS104", "likely", "helpers.py:24"),  # "log.json" takes the .json branch
        27: ("LS104", "possible", "helpers.py:24"),  # a fixture: its type is not known here
        39: ("LS104", "likely", "helpers.py:31"),  # a str is not None
        47: ("LS104", "possible", "helpers.py:31"),  # *args: which parameter gets what is not known
        51: ("LS104", "certain", "helpers.py:36"),  # the helper always opens
        55: ("LS104", "certain", None),  # the coroutine itself opens
    }


def test_min_confidence_drops_the_less_sure_findings(project: Path) -> None:
    assert sorted(_found(project, "likely")) == [11, 23, 39, 51, 55]
    assert sorted(_found(project, "certain")) == [51, 55]


def test_min_confidence_is_an_option_and_a_config_key(project: Path, capsys) -> None:
    (project / "pyproject.toml").write_text('[tool.loopsafe]\nmin-confidence = "certain"\n')
    main(["check", "--no-cache", "--format", "json", str(project / "callers.py")])
    report = json.loads(capsys.readouterr().out)
    assert sorted(d["line"] for d in report["diagnostics"]) == [51, 55]
    assert {d["confidence"] for d in report["diagnostics"]} == {"certain"}
    main(["check", "--no-cache", "--format", "json", "--min-confidence", "possible", str(project / "callers.py")])
    report = json.loads(capsys.readouterr().out)
    assert sorted(d["line"] for d in report["diagnostics"]) == [11, 23, 27, 39, 47, 51, 55]
    assert next(d for d in report["diagnostics"] if d["line"] == 51)["root"].endswith("helpers.py:36 open()")


def test_a_bad_min_confidence_names_the_key_and_the_value(project: Path, capsys) -> None:
    (project / "pyproject.toml").write_text('[tool.loopsafe]\nmin-confidence = "maybe"\n')
    status = main(["check", "--no-cache", str(project / "callers.py")])
    err = capsys.readouterr().err
    assert status == 2 and "min-confidence" in err and "maybe" in err


def test_text_output_groups_the_findings_of_one_root(project: Path, capsys) -> None:
    main(["check", "--no-cache", "--min-confidence", "possible", str(project / "callers.py")])
    out = capsys.readouterr().out.splitlines()
    header = next(i for i, line in enumerate(out) if line.endswith("blocks the event loop for 2 findings:"))
    assert out[header].split(" ")[0].endswith("helpers.py:24")
    assert out[header + 1].split(":")[1] == "23" and ":27:" in out[header + 5]
    assert not any("helpers.py:36 open(): blocks" in line for line in out)  # one finding: no group


def test_sarif_level_follows_confidence(project: Path, capsys) -> None:
    main(["check", "--no-cache", "--format", "sarif", "--min-confidence", "possible", str(project / "callers.py")])
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    levels = {r["locations"][0]["physicalLocation"]["region"]["startLine"]: r["level"] for r in results}
    assert levels[55] == "error" and levels[23] == "warning" and levels[27] == "note"


def test_helper_advice_names_to_thread_once(project: Path) -> None:
    result = lint_paths([str(project / "callers.py")], Settings(cache=False, root=project))
    message = next(d.message for d in result.diagnostics if d.line == 51)
    assert message.count("to_thread") == 1
    assert message.endswith("run it with `await asyncio.to_thread(always, ...)` or use `anyio.Path` / `anyio.open_file`")


ABSTRACT = '''\
from typing import BinaryIO


async def download(out: BinaryIO, data: bytes):
    out.write(data)


async def save(path: str, data: bytes):
    with open(path, "wb") as out:
        out.write(data)
'''


def test_a_parameter_typed_as_an_abstract_file_is_only_possible(tmp_path: Path) -> None:
    (tmp_path / "files.py").write_text(ABSTRACT)
    found = {d.line: d.confidence for d in lint_paths([str(tmp_path / "files.py")],
                                                      Settings(cache=False, root=tmp_path, min_confidence="possible")).diagnostics}
    assert found == {5: "possible", 9: "certain", 10: "certain"}
    assert sorted(d.line for d in lint_paths([str(tmp_path / "files.py")],
                                             Settings(cache=False, root=tmp_path)).diagnostics) == [9, 10]


LOOKUPS = '''\
import socket

DEFAULT_HOST = "127.0.0.1"


class Node:
    def __init__(self, host, port):
        if host == "localhost":
            host = socket.gethostbyname(host)
        self.host = host


def resolve(host, family=None):
    if family not in ("ipv4", "ipv6"):
        return socket.getaddrinfo(host, 80)
    return host


def unless_local(host):
    if "localhost" != host:
        return socket.gethostbyname(host)
    return host


async def literal_other_host():
    Node("10.0.0.5", 7000)


async def literal_localhost():
    Node("localhost", 7000)


async def a_constant():
    Node(DEFAULT_HOST, 7000)


async def the_callers_host(host):
    Node(host, 7000)


async def a_known_family():
    resolve("example.org", "ipv4")


async def an_unknown_family():
    resolve("example.org", "unix")


async def not_local():
    unless_local("example.org")


async def local():
    unless_local("localhost")
'''


def test_equality_with_literals_decides_the_branch(tmp_path: Path) -> None:
    (tmp_path / "lookups.py").write_text(LOOKUPS)
    result = lint_paths([str(tmp_path / "lookups.py")], Settings(cache=False, root=tmp_path, min_confidence="possible"))
    assert {d.line: (d.code, d.confidence) for d in result.diagnostics} == {
        30: ("LS102", "likely"),  # "localhost" takes the branch
        34: ("LS102", "possible"),  # a module constant: its value is not followed
        38: ("LS102", "likely"),  # the coroutine's own callers decide
        46: ("LS102", "likely"),  # "unix" is not in the tuple
        50: ("LS102", "likely"),  # `"localhost" != host`, reversed
    }

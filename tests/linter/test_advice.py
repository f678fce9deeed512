"""What the LS1 messages advise is right: the executor's shutdown gets executor advice, an
alternative is not said twice, and every `asyncio.to_thread(...)` they suggest is code that
runs: a callable and its arguments, never `...` in the callable's place."""

from __future__ import annotations

import ast
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from loopsafe.linter.cli import main

SNIPPETS = Path(__file__).parent / "snippets"
_TO_THREAD = re.compile(r"`((?:await )?asyncio\.to_thread\(.*?\))`")


def _messages(capsys, *args: str) -> dict[int, str]:
    main(["check", "--no-cache", "--format", "json", "--select", "LS1", *args])
    return {d["line"]: d["message"] for d in json.loads(capsys.readouterr().out)["diagnostics"]}


@pytest.fixture
def in_tmp(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_shutdown_that_waits_gets_executor_advice(in_tmp, capsys) -> None:
    (in_tmp / "app.py").write_text(
        "from concurrent.futures import ThreadPoolExecutor\n\n\n"
        "async def stop(pool: ThreadPoolExecutor):\n    pool.shutdown(wait=True)\n    pool.shutdown(wait=False)\n")
    assert _messages(capsys, "app.py") == {5: (
        "`concurrent.futures.Executor.shutdown()` (called as `pool.shutdown`) blocks the event loop in "
        "coroutine `stop()`; use `await asyncio.to_thread(executor.shutdown)`, or "
        "`executor.shutdown(wait=False)` where nothing needs the pending work to finish first")}


def test_a_helper_is_sent_to_a_thread_with_its_own_spelling(in_tmp, capsys) -> None:
    (in_tmp / "app.py").write_text(
        "def load():\n    return open('x').read()\n\n\n"
        "def load_from(path, mode='r'):\n    return open(path, mode).read()\n\n\n"
        "class Store:\n    def load(self):\n        return open('y').read()\n\n\n"
        "def store():\n    return Store()\n\n\n"
        "async def main(s: Store):\n"
        "    load()\n"
        "    load_from('a', mode='rb')\n"
        "    s.load()\n"
        "    store().load()\n")
    advice = {line: message.split("; ", 1)[1] for line, message in _messages(capsys, "app.py").items()}
    tail = " or use `anyio.Path` / `anyio.open_file`"
    assert advice == {
        19: "run it with `await asyncio.to_thread(load)`" + tail,
        20: "run it with `await asyncio.to_thread(load_from, ...)`" + tail,
        21: "run it with `await asyncio.to_thread(s.load)`" + tail,
        22: "run it with `asyncio.to_thread` (the callable and its arguments)" + tail,
    }


def test_a_configured_call_is_sent_to_a_thread_by_its_own_name(in_tmp, capsys) -> None:
    (in_tmp / "pyproject.toml").write_text("[tool.loopsafe]\nblocking-calls = ['slowlib.crunch']\n")
    (in_tmp / "app.py").write_text("import slowlib\n\n\nasync def main(data):\n    slowlib.crunch(data)\n")
    assert _messages(capsys, "app.py")[5].endswith(
        "use `await asyncio.to_thread(slowlib.crunch, ...)`, or an async equivalent")


def _runs_as_code(snippet: str) -> bool:
    """The suggestion compiles in a coroutine, and what it runs is a callable, not `...`."""
    tree = ast.parse(f"async def f():\n    {snippet}\n")
    call = next(n for n in ast.walk(tree) if isinstance(n, ast.Call))
    return bool(call.args) and not isinstance(call.args[0], ast.Constant)


def test_every_message_on_the_snippets_advises_runnable_code_and_says_each_alternative_once(
        monkeypatch, capsys) -> None:
    monkeypatch.chdir(SNIPPETS)
    main(["check", "--no-cache", "--format", "json", "--select", "LS1", "."])
    messages = [d["message"] for d in json.loads(capsys.readouterr().out)["diagnostics"]]
    suggested = [s for m in messages for s in _TO_THREAD.findall(m)]
    assert len(messages) > 100 and len(suggested) > 20
    assert [s for s in suggested if not _runs_as_code(s)] == []
    repeated = {m: [code for code, n in Counter(re.findall(r"`[^`]+`", m.split("; ", 1)[-1])).items() if n > 1]
                for m in messages}
    assert {m: r for m, r in repeated.items() if r} == {}

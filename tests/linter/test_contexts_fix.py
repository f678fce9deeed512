"""LS202's fix: `get_event_loop()` in a coroutine becomes `get_running_loop()`,
spelled with the file's own imports; elsewhere it is reported, never rewritten."""

from __future__ import annotations

from hypothesis import given, settings

from loopsafe.linter.cli import main
from loopsafe.linter.engine import lint_source
from loopsafe.linter.settings import Settings

from .test_resolution_properties import identifiers

BEFORE = '''import asyncio
import asyncio as aio
from asyncio import get_event_loop as gel


async def fetch():
    a = asyncio.get_event_loop()
    b = aio.get_event_loop()
    c = gel()
    return a, b, c


def script():
    loop = asyncio.get_event_loop()
    return loop.run_until_complete(fetch())
'''

AFTER = '''import asyncio
import asyncio as aio
from asyncio import get_event_loop as gel


async def fetch():
    a = asyncio.get_running_loop()
    b = aio.get_running_loop()
    c = asyncio.get_running_loop()
    return a, b, c


def script():
    loop = asyncio.get_event_loop()
    return loop.run_until_complete(fetch())
'''


def test_fix_rewrites_coroutines_only_in_the_files_spelling(tmp_path, capsys) -> None:
    target = tmp_path / "app.py"
    target.write_text(BEFORE)
    status = main(["check", "--no-cache", "--fix", str(target)])
    assert target.read_text() == AFTER
    assert status == 1  # the script's get_event_loop() needs asyncio.run: a person's decision
    assert "LS202" in capsys.readouterr().out


def test_an_imported_get_running_loop_is_used_as_it_is_spelled(tmp_path) -> None:
    target = tmp_path / "app.py"
    target.write_text("from asyncio import get_event_loop, get_running_loop as grl\n\n"
                      "async def f():\n    return get_event_loop()\n")
    main(["check", "--no-cache", "--fix", str(target)])
    assert target.read_text().endswith("    return grl()\n")


def test_no_fix_when_the_file_cannot_name_get_running_loop(tmp_path) -> None:
    source = "from asyncio import get_event_loop\n\nasync def f():\n    return get_event_loop()\n"
    diagnostics = lint_source(source.encode(), "app.py", Settings(cache=False))
    assert [(d.code, d.line, d.fix) for d in diagnostics] == [("LS202", 4, None)]


@settings(max_examples=30, deadline=None)
@given(alias=identifiers)
def test_any_module_alias_is_kept_in_the_fix(alias: str) -> None:
    source = f"import asyncio as {alias}\n\nasync def f():\n    return {alias}.get_event_loop()\n"
    [diagnostic] = lint_source(source.encode(), "app.py", Settings(cache=False))
    assert diagnostic.code == "LS202"
    assert [edit.content for edit in diagnostic.fix.edits] == [f"{alias}.get_running_loop"]

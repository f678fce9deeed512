"""LS101's fix: a `time.sleep()` statement in a coroutine becomes `await asyncio.sleep()`."""

from __future__ import annotations

from loopsafe.linter.cli import main

BEFORE = '''import asyncio as aio
import time
from time import sleep as nap


async def main():
    time.sleep(1)
    nap(0.5)
    x = time.sleep(2)
    return x


def sync():
    time.sleep(1)
'''

AFTER = '''import asyncio as aio
import time
from time import sleep as nap


async def main():
    await aio.sleep(1)
    await aio.sleep(0.5)
    x = time.sleep(2)
    return x


def sync():
    time.sleep(1)
'''


def test_fix_rewrites_statements_only_and_uses_the_module_alias(tmp_path, capsys) -> None:
    target = tmp_path / "app.py"
    target.write_text(BEFORE)
    status = main(["check", "--no-cache", "--fix", str(target)])
    assert target.read_text() == AFTER
    assert status == 1  # `x = time.sleep(2)` is left for a person to decide
    assert "LS101" in capsys.readouterr().out


def test_no_fix_without_an_asyncio_import(tmp_path) -> None:
    source = "import time\n\nasync def main():\n    time.sleep(1)\n"
    target = tmp_path / "app.py"
    target.write_text(source)
    main(["check", "--no-cache", "--fix", str(target)])
    assert target.read_text() == source

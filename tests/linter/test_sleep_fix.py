"""LS101's fix: a `time.sleep()` statement in a coroutine becomes `await asyncio.sleep()`."""

from __future__ import annotations

import json

import pytest

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


def test_fix_rewrites_statements_only_and_uses_the_module_alias(tmp_path, monkeypatch, capsys) -> None:
    target = tmp_path / "app.py"
    target.write_text(BEFORE)
    monkeypatch.chdir(tmp_path)  # checked alone, not with this repository's files as context
    status = main(["check", "--no-cache", "--fix", "app.py"])
    assert target.read_text() == AFTER
    assert status == 1  # `x = time.sleep(2)` is left for a person to decide
    assert "LS101" in capsys.readouterr().out


@pytest.mark.parametrize("before, after", [
    pytest.param(
        "#!/usr/bin/env python\n\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\n\nimport json\nimport time\n\n\n"
        "async def main():\n    time.sleep(1)\n",
        "#!/usr/bin/env python\n\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\n\nimport asyncio\nimport json\n"
        "import time\n\n\nasync def main():\n    await asyncio.sleep(1)\n",
        id="sorted-among-the-imports"),
    pytest.param(
        "import abc\nimport time\n\nasync def main():\n    time.sleep(1)\n",
        "import abc\nimport asyncio\nimport time\n\nasync def main():\n    await asyncio.sleep(1)\n",
        id="after-one-that-sorts-first"),
    pytest.param(
        "from time import sleep  # noqa: F401\nfrom . import x\nasync def main():\n    sleep(1)",
        "import asyncio\nfrom time import sleep  # noqa: F401\nfrom . import x\nasync def main():\n"
        "    await asyncio.sleep(1)",
        id="no-line-end-at-the-end"),
    pytest.param(
        "import _thread\nimport abc\n\nasync def main():\n    sleep(1)\n\nfrom time import sleep\n",
        "import _thread\nimport abc\nimport asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n\n"
        "from time import sleep\n",
        id="after-the-last-when-none-sorts-after"),
    pytest.param(
        "import abc\nfrom . import x\nfrom time import sleep\n\nasync def main():\n    sleep(1)\n",
        "import abc\nimport asyncio\nfrom . import x\nfrom time import sleep\n\nasync def main():\n"
        "    await asyncio.sleep(1)\n",
        id="before-relative-imports"),
    pytest.param(
        "# a comment\n@decorate\nasync def main():\n    __import__('time').sleep(1)\n    import time\n"
        "    time.sleep(1)\n",
        "# a comment\nimport asyncio\n@decorate\nasync def main():\n    __import__('time').sleep(1)\n"
        "    import time\n    await asyncio.sleep(1)\n",
        id="no-module-import-before-the-first-statement"),
    pytest.param(
        "import time\r\n\r\nasync def main():\r\n    time.sleep(1)\r\n    time.sleep(2)\r\n",
        "import asyncio\r\nimport time\r\n\r\nasync def main():\r\n    await asyncio.sleep(1)\r\n"
        "    await asyncio.sleep(2)\r\n",
        id="crlf-and-one-import-for-two-fixes"),
    pytest.param(
        "from asyncio import sleep as asleep\nfrom time import sleep\n\nasync def main():\n    sleep(1)\n",
        "from asyncio import sleep as asleep\nfrom time import sleep\n\nasync def main():\n    await asleep(1)\n",
        id="asyncio-sleep-imported-by-name"),
])
def test_the_fix_imports_asyncio_where_the_module_lacks_it(tmp_path, monkeypatch, before, after) -> None:
    target = tmp_path / "app.py"
    target.write_bytes(before.encode())
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--no-cache", "--fix", "app.py"]) == 0
    assert target.read_bytes().decode() == after


def test_the_diff_shows_one_import_for_every_fix_of_the_file(tmp_path, capsys, monkeypatch) -> None:
    (tmp_path / "app.py").write_text("import time\n\nasync def a():\n    time.sleep(1)\n\n"
                                     "async def b():\n    time.sleep(2)\n")
    monkeypatch.chdir(tmp_path)
    main(["check", "--no-cache", "--diff", "app.py"])
    out, err = capsys.readouterr()
    assert out.count("+import asyncio") == 1 and out.count("+    await asyncio.sleep(") == 2
    assert "Would fix 2 findings." in err


def test_the_message_says_that_asyncio_is_imported(tmp_path, capsys, monkeypatch) -> None:
    (tmp_path / "app.py").write_text("import time\n\nasync def a():\n    time.sleep(1)\n")
    monkeypatch.chdir(tmp_path)
    main(["check", "--no-cache", "--format", "json", "app.py"])
    [finding] = json.loads(capsys.readouterr().out)["diagnostics"]
    assert finding["fix"]["message"] == "Replace with `await asyncio.sleep(...)` and import asyncio"
    assert [e["content"] for e in finding["fix"]["edits"]] == ["await asyncio.sleep", "import asyncio\n"]

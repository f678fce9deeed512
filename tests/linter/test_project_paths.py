"""Findings across files do not depend on where the check is started from or on the
order of the paths."""

from __future__ import annotations

from pathlib import Path

from loopsafe.linter.engine import lint_paths
from loopsafe.linter.settings import Settings


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _found(paths, root: Path) -> set[tuple[str, int, str]]:
    result = lint_paths(paths, Settings(cache=False, root=root))
    return {(Path(d.path).name, d.line, d.code) for d in result.diagnostics}


def test_checking_a_package_from_inside_it_follows_its_imports(tmp_path, monkeypatch) -> None:
    _write(tmp_path, {
        "integration/__init__.py": "from .api import fetch_state\n\n\nasync def setup(host):\n"
                                   "    return fetch_state(host)\n",
        "integration/api.py": "import requests\n\n\ndef fetch_state(host):\n"
                              "    return requests.get(host).json()\n",
    })
    monkeypatch.chdir(tmp_path / "integration")
    assert _found(["."], tmp_path) == {("__init__.py", 5, "LS102")}
    monkeypatch.chdir(tmp_path)
    assert _found(["integration"], tmp_path) == {("__init__.py", 5, "LS102")}


def test_same_named_modules_in_two_folders_are_not_confused(tmp_path) -> None:
    _write(tmp_path, {
        "a/utils.py": "def wait():\n    return None\n",
        "a/main.py": "from utils import wait\n\n\nasync def main():\n    wait()\n",
        "b/utils.py": "import time\n\n\ndef wait():\n    time.sleep(1)\n",
        "b/main.py": "from utils import wait\n\n\nasync def main():\n    wait()\n",
    })
    expected = {("main.py", 5, "LS101")}  # b/main.py only
    assert _found([tmp_path / "a", tmp_path / "b"], tmp_path) == expected
    assert _found([tmp_path / "b", tmp_path / "a"], tmp_path) == expected
    result = lint_paths([tmp_path / "b", tmp_path / "a"], Settings(cache=False, root=tmp_path))
    assert [Path(d.path).parent.name for d in result.diagnostics] == ["b"]


def test_a_deeply_nested_expression_is_checked_not_a_traceback(tmp_path) -> None:
    parts = "\n".join(f'    "part {i} "' for i in range(600))
    _write(tmp_path, {"deep.py": f"QUERY = (\n{parts}\n)\n\n\nasync def main(fh):\n"
                                 "    with open(fh) as f:\n        for line in f:\n            print(line)\n"})
    found = _found([tmp_path / "deep.py"], tmp_path)
    assert found == {("deep.py", 606, "LS104"), ("deep.py", 607, "LS104")}

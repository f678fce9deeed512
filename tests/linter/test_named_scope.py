"""A run that reports some files starts its project analysis from them (``Project.reported``)
and asks of the other files only what those findings depend on (issue 10). It must give each
reported file exactly the findings a whole-project run gives it: checked here on every file of
the benchmark corpus, the examples and the rule snippets, one named file at a time, and on
edits that add a cross-file path."""

from __future__ import annotations

import shutil
import sysconfig
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from loopsafe.linter import pipeline
from loopsafe.linter.analysis.facts import FileFacts
from loopsafe.linter.analysis.project import Project
from loopsafe.linter.diagnostics import Diagnostic
from loopsafe.linter.discovery import iter_python_files
from loopsafe.linter.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
_STDLIB = Path(sysconfig.get_paths()["stdlib"])
# name -> (root, the paths checked under it)
TREES = {"corpus": (ROOT / "bench" / "corpus", ["."]), "examples": (ROOT / "examples", ["."]),
         "snippets": (ROOT / "tests" / "linter" / "snippets", ["."]),
         # threads, processes, loops and forks across files: every project rule has work here
         "stdlib": (_STDLIB, ["asyncio", "concurrent", "multiprocessing", "json", "mimetypes.py"])}


def _settings(root: Path) -> Settings:
    return Settings(root=root, cache=False, jobs=1)


def _facts(root: Path, under: list[str] = ["."]) -> tuple[list[FileFacts], dict[str, tuple[int, int]]]:
    paths = sorted(str(p) for p in iter_python_files([root / u for u in under], _settings(root)))
    return pipeline.collect(paths, _settings(root))


def _named(files: list[FileFacts], errors, index: int, root: Path) -> list[Diagnostic]:
    """The findings of a run that names ``files[index]``: it comes first, the others are context."""
    ordered = [files[index], *files[:index], *files[index + 1:]]
    return pipeline.finish(ordered, errors, _settings(root), {}, reported=1)


def _whole_by_path(files: list[FileFacts], errors, root: Path) -> dict[str, list[Diagnostic]]:
    by_path: dict[str, list[Diagnostic]] = {}
    for diagnostic in pipeline.finish(files, errors, _settings(root), {}):
        by_path.setdefault(diagnostic.path, []).append(diagnostic)
    return by_path


def _of(whole: dict[str, list[Diagnostic]], facts: FileFacts) -> list[Diagnostic]:
    """The whole run's findings in that file (diagnostics spell paths relative to the working folder)."""
    return next((found for path, found in whole.items() if Path(path).resolve() == Path(facts.path).resolve()), [])


@pytest.fixture(scope="module", params=sorted(TREES))
def tree(request, tmp_path_factory) -> tuple[Path, list[FileFacts], dict]:
    root, under = TREES[request.param]
    if root == _STDLIB:  # a copy: discovery skips the hidden folders Python may live under
        copy = tmp_path_factory.mktemp("stdlib")
        for name in under:
            (shutil.copytree if (root / name).is_dir() else shutil.copyfile)(root / name, copy / name)
        root = copy
    files, errors = _facts(root, under)
    return root, files, errors


def test_every_named_file_gets_its_findings_of_the_whole_run(tree) -> None:
    root, files, errors = tree
    whole = _whole_by_path(files, errors, root)
    assert whole, "the tree has findings to compare"
    differing = {}
    for index, facts in enumerate(files):
        named = _named(files, errors, index, root)
        if named != _of(whole, facts):
            differing[facts.path] = (named, _of(whole, facts))
    assert not differing


def test_a_scoped_project_resolves_only_what_the_named_file_reaches() -> None:
    """Naming one file of the corpus resolves a small part of the project's calls."""
    root, _ = TREES["corpus"]
    files, _ = _facts(root)
    index = next(i for i, f in enumerate(files) if f.path.endswith("token_cache.py"))
    ordered = [files[index], *files[:index], *files[index + 1:]]
    whole, scoped = Project(ordered, _settings(root)), Project(ordered, _settings(root), reported=[0])
    assert not whole.scoped and scoped.scoped
    from loopsafe.linter.rules import PROJECT_RULES
    for project in (whole, scoped):
        for rule in PROJECT_RULES:
            list(rule.check(project))
    total = sum(len(f.calls) for f in files)
    resolved = [sum(map(len, project._callees)) for project in (scoped, whole)]
    assert resolved[0] < total / 4 < resolved[1]


# a package where a coroutine of `app.py` reaches blocking code of `lib.py` through helpers,
# scheduled callbacks, thread hand-offs and a loop started in a helper
_LIB = '''
import asyncio
import time
import threading


def wait(seconds):
    time.sleep(seconds)


def maybe(flag):
    if flag:
        wait(1)


def nested():
    asyncio.run(asyncio.sleep(0))


def worker(loop):
    loop.call_soon(print, "x")


def start(loop):
    threading.Thread(target=worker, args=(loop,)).start()
'''

_STEPS = [
    "lib.wait(1)",
    "lib.maybe(True)",
    "lib.maybe(False)",
    "lib.nested()",
    "lib.start(asyncio.get_running_loop())",
    "asyncio.get_running_loop().call_soon(lib.wait, 1)",
    "asyncio.get_running_loop().call_later(1, lib.maybe, True)",
    "open('f').read()",
    "helper()",
]


@hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.lists(st.sampled_from(_STEPS), min_size=1, max_size=4),
       helper=st.lists(st.sampled_from(_STEPS[:5]), max_size=2))
def test_edits_of_the_named_file_give_the_whole_run_findings(tmp_path: Path, body: list[str],
                                                           helper: list[str]) -> None:
    folder = tmp_path / "pkg"
    folder.mkdir(exist_ok=True)
    (folder / "__init__.py").write_text("")
    (folder / "lib.py").write_text(_LIB)
    helper_body = "\n    ".join(helper) or "pass"
    app_body = "\n    ".join(body)
    (folder / "app.py").write_text(f"import asyncio\nfrom pkg import lib\n\n\ndef helper():\n    {helper_body}\n\n\n"
                                   f"async def main():\n    {app_body}\n")
    files, errors = _facts(tmp_path)
    whole = _whole_by_path(files, errors, tmp_path)
    for index, facts in enumerate(files):
        assert _named(files, errors, index, tmp_path) == _of(whole, facts), facts.path


def test_ties_between_paths_go_the_same_way_whichever_file_is_named(tmp_path: Path) -> None:
    """`h()` reaches `time.sleep` through `a.g_a()` and through `g_b()`, two paths of the same
    length: a run naming `b.py` (given first) must pick the one the whole run picks, the
    helper of the file a walk meets first."""
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    (folder / "a.py").write_text("import time\n\n\ndef g_a():\n    time.sleep(1)\n")
    (folder / "b.py").write_text("import time\nfrom pkg import a\n\n\ndef g_b():\n    time.sleep(1)\n\n\n"
                                 "def h():\n    a.g_a()\n    g_b()\n\n\nasync def main():\n    h()\n")
    files, errors = _facts(tmp_path)
    b = next(i for i, f in enumerate(files) if f.path.endswith("b.py"))
    named = _named(files, errors, b, tmp_path)
    assert [(d.code, d.line, d.trace) for d in named] == [
        ("LS101", 15, [f"{files[b].path}:15 h()", f"{files[b].path}:10 a.g_a()",
                       f"{folder / 'a.py'}:5 time.sleep()"])]
    assert named == _of(_whole_by_path(files, errors, tmp_path), files[b])

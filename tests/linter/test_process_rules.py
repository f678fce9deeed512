"""The LS3 rules' messages and traces, and the helpers they share.

Which lines are flagged is held by the snippets (tests/linter/snippets/ls3*);
these tests pin what a finding says: the reason, the fix, the call path and the
place of the thread or loop use that makes a fork unsafe.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from loopsafe.linter.analysis.facts import ArgRef
from loopsafe.linter.engine import lint_paths
from loopsafe.linter.settings import Settings
from loopsafe.linter.analysis.process_calls import string_arg
from loopsafe.linter.analysis.callgraph import Depth

MAX_DEPTH = Depth.PROGRAM


def lint(tmp_path: Path, files: dict[str, str], code: str) -> list:
    for name, source in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
    result = lint_paths([tmp_path], Settings(cache=False, root=tmp_path, select=(code,)))
    return list(result.diagnostics)


def test_main_guard_message_names_start_methods_and_fix(tmp_path):
    [found] = lint(tmp_path, {"job.py": """
        import multiprocessing as mp
        def work(): pass
        p = mp.Process(target=work)
        p.start()
    """}, "LS301")
    assert (found.line, found.trace) == (5, [])
    assert found.message.startswith("`multiprocessing.Process.start()` runs at import time without an "
                                    "`if __name__ == \"__main__\":` guard")
    for words in ("spawn", "macOS", "forkserver", "Python 3.14", "re-imports the main module"):
        assert words in found.message


def test_main_guard_follows_asyncio_run_into_other_files(tmp_path):
    [found] = lint(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/work.py": """
            from concurrent.futures import ProcessPoolExecutor
            def square(x): return x * x
            def crunch(values):
                with ProcessPoolExecutor() as pool:
                    return list(pool.map(square, values))
            async def main():
                return crunch([1, 2])
        """,
        "run.py": """
            import asyncio
            from pkg.work import main
            asyncio.run(main())
        """}, "LS301")
    assert (Path(found.path).name, found.line) == ("run.py", 4)
    assert found.message.startswith(
        "`asyncio.run(main()) -> crunch() -> concurrent.futures.ProcessPoolExecutor()`: a process is "
        "started at import time")
    assert [step.rsplit("/", 1)[-1] for step in found.trace] == [
        "run.py:4 asyncio.run()", "work.py:8 crunch()", "work.py:5 ProcessPoolExecutor()"]


def test_main_guard_library_module_is_judged_on_its_own_import_time_code(tmp_path):
    found = lint(tmp_path, {
        "lib.py": """
            import multiprocessing
            POOL = multiprocessing.Pool(2)
            def helper(): return 1
        """,
        "main.py": """
            import lib
            if __name__ == "__main__":
                lib.helper()
        """}, "LS301")
    assert [(Path(d.path).name, d.line) for d in found] == [("lib.py", 3)]


@pytest.mark.parametrize("callable_source, named", [
    ("inner", "the nested function `inner` (defined inside `run()`)"),
    ("lambda: 1", "a lambda"),
    ("functools.partial(inner, 1)", "`functools.partial` of the nested function `inner`"),
    ("Local().go", "the method `go` of class `Local`, defined inside `run()`"),
])
def test_unpicklable_message_names_the_callable(tmp_path, callable_source, named):
    [found] = lint(tmp_path, {"job.py": f"""
        import functools
        from concurrent.futures import ProcessPoolExecutor
        def run():
            def inner(x=0): return x
            class Local:
                def go(self): return 1
            with ProcessPoolExecutor() as pool:
                return pool.submit({callable_source}).result()
    """}, "LS302")
    assert found.line == 9
    assert found.message.startswith(f"`pool.submit()` sends {named}")
    assert "define the function at module level" in found.message


@pytest.mark.parametrize("pool, replacement", [
    ("multiprocessing.Pool()", "concurrent.futures.ProcessPoolExecutor"),
    ("multiprocessing.pool.ThreadPool()", "concurrent.futures.ThreadPoolExecutor"),
])
def test_non_executor_message_says_what_to_use(tmp_path, pool, replacement):
    [found] = lint(tmp_path, {"job.py": f"""
        import asyncio
        import multiprocessing
        import multiprocessing.pool
        def square(x): return x * x
        async def main():
            return await asyncio.get_running_loop().run_in_executor({pool}, square, 2)
    """}, "LS303")
    assert found.line == 7
    assert "not a `concurrent.futures.Executor`" in found.message
    assert "does not have (AttributeError)" in found.message
    assert found.message.endswith(f"use `{replacement}`")


def test_fork_message_names_the_thread_use_and_the_trace_its_line(tmp_path):
    [found] = lint(tmp_path, {
        "threads.py": """
            import threading
            def work(): pass
            def start():
                threading.Thread(target=work).start()
        """,
        "forker.py": """
            import os
            import threads
            def serve():
                threads.start()
            def reload():
                return os.fork()
        """}, "LS304")
    assert (Path(found.path).name, found.line) == ("forker.py", 7)
    assert found.message.startswith("`os.fork()` in a program that starts threads "
                                    "(`threading.Thread.start()` in module `threads`, line in the trace)")
    assert "use the spawn or forkserver start method" in found.message
    assert [step.rsplit("/", 1)[-1] for step in found.trace] == ["threads.py:5 threading.Thread.start()"]


@pytest.mark.parametrize("forker_imports", ["", "import threads"])
def test_fork_is_not_reported_for_thread_code_the_program_never_runs(tmp_path, forker_imports):
    """A helper module that can start a thread does not make a fork unsafe when the
    forking module neither imports it nor calls it (or imports it and never calls it)."""
    assert lint(tmp_path, {
        "threads.py": """
            import threading
            def start(work):
                threading.Thread(target=work).start()
        """,
        "forker.py": f"""
            import os
            {forker_imports}
            def reload():
                return os.fork()
        """}, "LS304") == []


@pytest.mark.parametrize("arg, value", [
    (ArgRef("literal", '"fork"'), "fork"),
    (ArgRef("literal", "'spawn'"), "spawn"),
    (ArgRef("literal", "3"), None),
    (ArgRef("ref", "mod.METHOD"), None),
    (None, None),
])
def test_string_arg(arg, value):
    assert string_arg(arg) == value


def test_fork_on_a_chain_with_two_callers_is_not_trusted_to_come_first(tmp_path):
    """`daemonize()` called from two places: one of them may run after the loop started."""
    [found] = lint(tmp_path, {"daemon.py": """
        import asyncio
        import os
        def daemonize():
            if os.fork() > 0:
                os._exit(0)
        async def serve():
            daemonize()
        def main():
            daemonize()
            asyncio.run(serve())
        if __name__ == "__main__":
            main()
    """}, "LS304")
    assert found.line == 5
    assert "runs an event loop (`asyncio.run()` in this module" in found.message


def test_fork_in_a_coroutine_needs_no_loop_in_sight(tmp_path):
    [found] = lint(tmp_path, {"lib.py": """
        import os
        async def restart():
            return os.fork()
    """}, "LS304")
    assert found.message.startswith("`os.fork()` in coroutine `restart()`, while its event loop runs:")


@pytest.mark.parametrize("depth, flagged", [(3, True), (MAX_DEPTH + 2, False)])
def test_main_guard_follows_a_bounded_number_of_calls(tmp_path, depth, flagged):
    helpers = "".join(f"def step{i}():\n    return step{i + 1}()\n" for i in range(depth))
    source = f"import multiprocessing\n{helpers}def step{depth}():\n    return multiprocessing.Pool()\nstep0()\n"
    found = lint(tmp_path, {"deep.py": source}, "LS301")
    assert [d.line for d in found] == ([source.count("\n")] if flagged else [])

"""# LS304 fork-with-threads

## What it does
Checks for `os.fork()`, `os.forkpty()`, `pty.fork()`, `multiprocessing.set_start_method("fork")` and `multiprocessing.get_context("fork")` in a program that starts threads (`threading.Thread(...).start()`, a `ThreadPoolExecutor`, `asyncio.to_thread`, `loop.run_in_executor`, a `ThreadPool`) or runs an event loop (`asyncio.run`, `asyncio.Runner`, `loop.run_until_complete`, `loop.run_forever`). The program is the module that forks, the modules that call the forking function, and every module of the project those import or call into. Every thread and loop use of the forking module counts; one in another module counts when the program runs it: at import time, or in a function that those modules' code reaches. A fork inside a coroutine, or in a function that runs in a worker thread, is reported on its own. The message names the thread or loop use it found; the trace gives its line.

A fork that is known to happen before any thread or loop of the program starts is not reported, since no other thread exists yet when it forks: the classic daemon start, `daemonize()` (which forks) and then `asyncio.run(...)`, on a single chain of calls from import-time code or the `if __name__ == "__main__":` block, with every thread and loop use reached only after it (and not in the same loop as the fork).

## Why is this bad?
`fork()` copies the process but only the thread that called it. Every lock another thread held at that moment — in the logging module, in an executor's work queue, in `malloc` — stays locked in the child, with no thread left to release it: the child hangs the first time it needs one. An event loop's state (its selector, its self-pipe, its running tasks) is copied too and shared with the parent. Python 3.12 warns about `fork()` in a multi-threaded process, and Python 3.14 stopped using `fork` as the default start method on Linux for this reason.

## Example
```python
import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

def crunch(x):
    return x * x

async def main():
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(mp_context=multiprocessing.get_context("fork")) as pool:
        return await loop.run_in_executor(pool, crunch, 3)

if __name__ == "__main__":
    asyncio.run(main())
```

## Use instead
```python
import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

def crunch(x):
    return x * x

async def main():
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(mp_context=multiprocessing.get_context("spawn")) as pool:
        return await loop.run_in_executor(pool, crunch, 3)

if __name__ == "__main__":
    asyncio.run(main())
```
"""

from __future__ import annotations

from functools import cached_property
from typing import Iterable

from ..analysis import callgraph
from ..analysis.callgraph import Depth, callees, reachable
from ..analysis.contexts import describe_reach, thread_functions
from ..analysis.facts import MODULE_LEVEL, CallSite, RawFinding
from ..analysis.process_calls import forks, runs_loop, selects_fork, starts_thread
from ..analysis.process_order import chain_to_import_time, runs_before_uses
from ..analysis.programs import Programs
from ..analysis.project import Project
from ..analysis.refs import FunctionRef
from .base import ProjectRule

_WHY = ("the child gets a copy of the process with only the forking thread: a lock any other "
        "thread held at that moment (logging, an executor's queue, the allocator) stays locked "
        "in the child forever, and the event loop's state is shared with it; use the spawn or "
        "forkserver start method (`multiprocessing.get_context(\"spawn\")`), or fork before any "
        "thread or loop starts")

# (file index, call, "threading.Thread.start()", "starts threads" | "runs an event loop")
Use = tuple[int, CallSite, str, str]


class ForkWithThreads(ProjectRule):
    """The per-file pass notes where the loops of a forking file are
    (``FileFacts.loop_ranges``), so that the order of a fork and a later thread start
    can be trusted."""

    code = "LS304"
    name = "fork-with-threads"
    summary = "`os.fork()` or the fork start method in a program that starts threads or runs a loop"

    def check(self, project: Project) -> Iterable[tuple[int, RawFinding]]:
        found = [(f, c, what) for f, c in project.reported_calls() if (what := forks(project, c))]
        if not found:
            return
        survey = _Survey(project)
        for file_index, call, what in found:
            finding = survey.finding(self.code, file_index, call, what)
            if finding is not None:
                yield file_index, finding


class _Survey:
    """The facts every fork of one project is judged against, gathered once."""

    def __init__(self, project: Project):
        self.project = project
        self.programs = Programs(project)
        self.threads = thread_functions(project)
        self._uses: dict[int, list[Use]] = {}

    def finding(self, code: str, file_index: int, call: CallSite, what: str) -> RawFinding | None:
        project = self.project
        if call.function != MODULE_LEVEL:
            ref = FunctionRef(file_index, call.function)
            function = project.function(ref)
            if function.kind == "def" and function.is_async:
                return RawFinding(code, call.node, f"`{what}` in coroutine `{function.name}()`, "
                                                   f"while its event loop runs: {_WHY}")
            reach = self.threads.get(ref)
            if reach is not None:
                return RawFinding(code, call.node, f"`{what}` in a worker thread "
                                                   f"({describe_reach(project, reach)}): {_WHY}")
        uses = self._program_uses(file_index, call)
        if not uses or (not selects_fork(project, call) and self._forks_first(file_index, call, uses)):
            return None
        use_file, use_call, use, kind = uses[0]
        where = "this module" if use_file == file_index else f"module `{project.files[use_file].module}`"
        return RawFinding(code, call.node, f"`{what}` in a program that {kind} (`{use}` in {where}, "
                                           f"line in the trace): {_WHY}",
                          ((project.files[use_file].path, use_call.node, use),))

    def _program_uses(self, file_index: int, call: CallSite) -> list[Use]:
        """Thread and loop uses of the program the fork belongs to, nearest first.

        Those of the forking module all count. In the other modules, a use counts
        when it runs at import time, or in a function that import-time code, the
        forking module or the modules calling it reach: a helper module that
        could start a thread, which nothing here calls, does not make the fork
        unsafe."""
        own = {file_index, *self._caller_files(file_index, call)}
        files = self.programs.closure(sorted(own, key=lambda f: f != file_index))
        live = reachable(self.project, self._roots(files, own), Depth.PROGRAM)
        return [use for f in files for use in self._uses_in(f)
                if f == file_index or use[1].function == MODULE_LEVEL or FunctionRef(f, use[1].function) in live]

    def _roots(self, files: list[int], own: set[int]) -> list[FunctionRef]:
        """What the program runs: the functions import-time code calls, and every
        function of the forking module and of the modules that call into it."""
        roots = []
        for f in files:
            facts = self.project.files[f]
            roots.extend(callees(self.project, f, (c for c in facts.calls if c.function == MODULE_LEVEL)))
            if f in own:
                roots.extend(FunctionRef(f, i) for i, fn in enumerate(facts.functions) if fn.kind == "def")
        return roots

    def _caller_files(self, file_index: int, call: CallSite) -> set[int]:
        """The files that call the function the fork is in, directly or through others."""
        if call.function == MODULE_LEVEL:
            return set()
        return callgraph.caller_files(self.project, FunctionRef(file_index, call.function))

    def _uses_in(self, file_index: int) -> list[Use]:
        if file_index not in self._uses:
            uses: list[Use] = []
            for call in self.project.files[file_index].calls:
                thread = starts_thread(self.project, call)
                if thread:
                    uses.append((file_index, call, thread, "starts threads"))
                    continue
                loop = runs_loop(self.project, call)
                if loop:
                    uses.append((file_index, call, loop, "runs an event loop"))
            self._uses[file_index] = uses
        return self._uses[file_index]

    def _forks_first(self, file_index: int, fork: CallSite, uses: list[Use]) -> bool:
        """True when the fork runs before anything of the program starts a thread or
        a loop (``_process_order``)."""
        links = chain_to_import_time(self.project, file_index, fork)
        if links is None:
            return False
        return runs_before_uses(self.project, links, [(f, c) for f, c, _, _ in uses], self._loop_ranges)

    @cached_property
    def _loop_ranges(self) -> dict[int, list[tuple[int, int]]]:
        """File -> (start, end) node ranges of its outermost loops (forking files only)."""
        return {f: facts.loop_ranges for f, facts in enumerate(self.project.files)}


RULE = ForkWithThreads()

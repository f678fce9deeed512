"""# LS301 missing-main-guard

## What it does
Checks for code that runs at import time (module level, or a class body) and starts a process or creates a process pool outside an `if __name__ == "__main__":` block: `multiprocessing.Process(...).start()` (any spelling, a `get_context()` context's `Process`, a subclass), `multiprocessing.Pool()`, `Manager()`, `ProcessPoolExecutor()`. It also follows the functions that module-level code calls, in any file of the project, coroutines included: `asyncio.run(main())` where `main` creates a `ProcessPoolExecutor` is reported on the `asyncio.run` line, with the call path in the trace.

## Why is this bad?
Under the `spawn` start method (the default on Windows, and on macOS since Python 3.8) and `forkserver` (the default on Linux from Python 3.14), every child process starts a fresh interpreter and imports the main module again to find the function it must run. Whatever runs at import time runs again in the child: it tries to start processes of its own before it has finished starting, and multiprocessing stops it with `RuntimeError: An attempt has been made to start a new process before the current process has finished its bootstrapping phase`. Under `fork` the same code happens to work, which is why it survives on older Linux setups and breaks elsewhere.

Not reported: a module that selects the `fork` start method at module level (`set_start_method("fork")`, `get_context("fork")`), whose children are not started by importing it; and a package's `__main__.py`, which multiprocessing never runs again in a child.

## Example
```python
import multiprocessing

def worker():
    print("working")

p = multiprocessing.Process(target=worker)
p.start()
```

## Use instead
```python
import multiprocessing

def worker():
    print("working")

def main():
    p = multiprocessing.Process(target=worker)
    p.start()
    p.join()

if __name__ == "__main__":
    main()
```
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..analysis.callgraph import NearestHit, trace_entries
from ..analysis.facts import MODULE_LEVEL, ArgRef, CallSite, FileFacts, RawFinding
from ..analysis.handoffs import THREAD, callable_function, handoffs_of
from ..analysis.process_calls import selects_fork, starts_process
from ..analysis.project import Project
from ..analysis.refs import FunctionRef, Step
from ..catalogue import concurrency
from .base import ProjectRule

_RUN_BY_REFERENCE = concurrency.RUN_BY_REFERENCE

_WHY = ("without an `if __name__ == \"__main__\":` guard: under the spawn start method "
        "(Windows, macOS since Python 3.8) and forkserver (the Linux default from Python 3.14) "
        "each child process re-imports the main module and runs this again, and fails while "
        "starting; move it into a function called under `if __name__ == \"__main__\":`")


class MissingMainGuard(ProjectRule):
    code = "LS301"
    name = "missing-main-guard"
    summary = "a process started at import time, without `if __name__ == \"__main__\":`"

    def check(self, project: Project) -> Iterable[tuple[int, RawFinding]]:
        reach = NearestHit(project, lambda _file, call: starts_process(project, call))
        for file_index in project.reported_files():
            facts = project.files[file_index]
            if Path(facts.path).name == "__main__.py":
                continue  # multiprocessing never re-runs a package's __main__ in a child
            top_level = [c for c in facts.calls if _at_import(facts, c.function)]
            if any(selects_fork(project, c) for c in top_level):
                continue  # fork children do not re-import the module
            for call in top_level:
                if call.main_guarded:
                    continue
                finding = self._finding(project, reach, file_index, call)
                if finding is not None:
                    yield file_index, finding

    def _finding(self, project: Project, reach: NearestHit, file_index: int, call: CallSite) -> RawFinding | None:
        started = starts_process(project, call)
        if started:
            return RawFinding(self.code, call.node, f"`{started}` runs at import time {_WHY}")
        for start, shown in self._runs(project, file_index, call):
            path = reach.path(start)
            if path:
                return RawFinding(self.code, call.node, _through(shown, path),
                                  trace_entries(project, [(file_index, call), *((s.file, s.call) for s in path)]))
        return None

    @staticmethod
    def _runs(project: Project, file_index: int, call: CallSite) -> Iterable[tuple[FunctionRef, str]]:
        """The project functions a module-level call runs: its callee when that is
        a sync function, and coroutine functions whose coroutine it is given
        (`asyncio.run(main())`, `loop.run_until_complete(main())`, `anyio.run(main)`),
        each with how the call is shown in the message."""
        callee = project.resolved(file_index, call)
        if callee is not None and callee.function is not None and not project.function(callee.function).is_async:
            yield callee.function, f"{call.text}()"
        for handoff in handoffs_of(project, file_index):
            if handoff.destination != THREAD or handoff.call.node != call.node:
                continue
            # `threading.Thread(target=start_workers).start()`: the thread runs it at import time too
            target = callable_function(project, file_index, call, handoff.callable)
            if target is not None and not project.function(target).is_async:
                yield target, f"{call.text}({project.function(target).name})"
        by_reference = call.target in _RUN_BY_REFERENCE
        for arg in (*call.args, *(value for _, value in call.kwargs)):
            if arg.kind == "call" or (by_reference and arg.kind == "ref"):
                ref = _coroutine_function(project, file_index, arg)
                if ref is not None:
                    name = project.function(ref).name
                    yield ref, f"{call.text}({name}{'()' if arg.kind == 'call' else ''})"


def _at_import(facts: FileFacts, function: int) -> bool:
    """Module-level code, or a class body at module level (``pool = Pool()`` as a
    class attribute runs when the module is imported)."""
    while function != MODULE_LEVEL:
        if facts.functions[function].kind != "class":
            return False
        function = facts.functions[function].parent
    return True


def _coroutine_function(project: Project, file_index: int, arg: ArgRef) -> FunctionRef | None:
    if not arg.value or "::" in arg.value:
        return None
    ref = project.find_function(project.resolve(arg.value), file_index)
    if ref is not None and project.function(ref).is_async:
        return ref
    return None


def _through(shown: str, path: tuple[Step, ...]) -> str:
    names = " -> ".join([shown, *(f"{s.call.text}()" for s in path[:-1]), path[-1].callee.name])
    return f"`{names}`: a process is started at import time {_WHY}"


RULE = MissingMainGuard()

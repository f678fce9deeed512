"""Whether a fork happens before every thread and loop of its program starts.

``pid = os.fork()`` followed by ``asyncio.run(...)`` in the parent and the child
is the classic daemon start, and it is safe: when the process forks, no other
thread exists yet. The order is known when the fork sits on a single chain of
calls from import-time code: ``fork()`` in ``daemonize()``, called once, from
``main()``, called once, from the module's ``if __name__ == "__main__":``.
Along that chain, everything called *after* each link runs after the fork;
everything called *before* it runs before. A thread or loop use that is only
reached after the fork cannot have started before it.

Anything less certain is not exempted: a forking function with several callers,
a use in a function nothing on the chain calls (a callback, another entry
point), a use at import time of another module, a fork and a use in the same
loop (``for``/``while``: the next fork happens after the use), recursion.
"""

from __future__ import annotations

from typing import Iterable

from . import callgraph
from .callgraph import callees, reachable
from .facts import MODULE_LEVEL, CallSite
from .project import Project
from .refs import FunctionRef

# (file index, function index or MODULE_LEVEL, node of the call on the chain)
Link = tuple[int, int, int]


def chain_to_import_time(project: Project, file_index: int, call: CallSite) -> list[Link] | None:
    """The links from ``call`` up to module-level code, each function having one
    caller; None when the chain forks, loops, or passes through a coroutine."""
    links: list[Link] = []
    current_file, function, node = file_index, call.function, call.node
    while True:
        if (current_file, function) in {(f, fn) for f, fn, _ in links}:
            return None
        links.append((current_file, function, node))
        if function == MODULE_LEVEL:
            return links
        ref = FunctionRef(current_file, function)
        facts = project.function(ref)
        if facts.kind != "def" or facts.is_async:
            return None
        calls = callgraph.callers(project).get(ref, ())
        if len(calls) != 1:
            return None
        current_file, function, node = calls[0].file, calls[0].call.function, calls[0].call.node


def runs_before_uses(project: Project, links: list[Link], uses: Iterable[tuple[int, CallSite]],
                     loops: dict[int, list[tuple[int, int]]]) -> bool:
    """True when every use (file, call) runs only after the first link's call.

    ``loops``: file -> (start, end) node ranges of its outermost loops. A call
    after a link but in the same loop also runs before the link's next turn."""
    before_roots: list[FunctionRef] = []
    after_roots: list[FunctionRef] = []
    after_direct: set[tuple[int, int]] = set()
    for file_index, function, anchor in links:
        loop_end = next((end for start, end in loops.get(file_index, ()) if start < anchor < end), -1)
        for call in _calls_of(project, file_index, function):
            if call.node == anchor:
                continue
            # a call after the link but in the same loop also runs before its next turn
            later = anchor < call.node and not call.node < loop_end
            if later:
                after_direct.add((file_index, call.node))
            (after_roots if later else before_roots).extend(callees(project, file_index, [call]))
    before = reachable(project, before_roots)
    after = reachable(project, after_roots)
    for file_index, call in uses:
        if (file_index, call.node) in after_direct:
            continue
        if call.function == MODULE_LEVEL:
            return False
        ref = FunctionRef(file_index, call.function)
        if ref not in after or ref in before:
            return False
    return True


def _calls_of(project: Project, file_index: int, function: int) -> list[CallSite]:
    if function == MODULE_LEVEL:
        return [c for c in project.files[file_index].calls if c.function == MODULE_LEVEL]
    return project.calls_in(FunctionRef(file_index, function))

"""What running a function leads to: the shortest call path from a function of
the project to a call a predicate accepts, coroutines included.

``Project.paths_to`` answers the reverse question for sync code (which
functions block when called) and stops at coroutines, since calling one runs
nothing. Import-time code is different: ``asyncio.run(main())`` does run
``main``, and everything ``main`` awaits. So this search goes forward from one
function, through every function it calls, sync or async, and remembers each
answer (many module-level calls lead into the same ``main``).
"""

from __future__ import annotations

from collections import deque
from typing import Callable, Iterable, Iterator

from ..analysis.facts import CallSite
from ..analysis.project import Callee, FunctionRef, Project, Step

# (file index, call) -> a short name of what the call does, or None
Hit = Callable[[int, CallSite], "str | None"]


# Calls followed from a starting function: a longer path goes through frameworks
# and helpers whose calls are guesses more often than not.
MAX_DEPTH = 6


class Reach:
    """``path(start)``: the call path from ``start`` to the nearest call ``hit``
    accepts, first step in ``start`` itself, at most ``MAX_DEPTH`` calls long;
    None when there is none."""

    def __init__(self, project: Project, hit: Hit):
        self.project = project
        self.hit = hit
        self._memo: dict[FunctionRef, tuple[Step, ...] | None] = {}

    def path(self, start: FunctionRef) -> tuple[Step, ...] | None:
        if start not in self._memo:
            self._memo[start] = self._search(start)
        return self._memo[start]

    def _search(self, start: FunctionRef) -> tuple[Step, ...] | None:
        came_from: dict[FunctionRef, Step | None] = {start: None}
        for ref in _breadth_first(self.project, came_from, MAX_DEPTH):
            for call in self.project.calls_by_function.get(ref, ()):
                what = self.hit(ref.file, call)
                if what:
                    return self._unwind(came_from, ref, Step(ref.file, call, Callee(what)))
        return None

    @staticmethod
    def _unwind(came_from: dict[FunctionRef, Step | None], ref: FunctionRef, last: Step) -> tuple[Step, ...]:
        steps = [last]
        step = came_from[ref]
        while step is not None:
            steps.append(step)
            step = came_from[FunctionRef(step.file, step.call.function)]  # the caller
        return tuple(reversed(steps))


def callees(project: Project, file_index: int, calls: Iterable[CallSite]) -> list[FunctionRef]:
    """The project functions those calls (all in one file) call."""
    found = []
    for call in calls:
        callee = project.resolved(file_index, call)
        if callee is not None and callee.function is not None:
            found.append(callee.function)
    return found


def reachable(project: Project, starts: Iterable[FunctionRef], depth: int | None = None) -> set[FunctionRef]:
    """Every function that running ``starts`` calls, transitively (at most
    ``depth`` calls deep when given), starts included."""
    came_from: dict[FunctionRef, Step | None] = dict.fromkeys(starts)
    return set(_breadth_first(project, came_from, depth))


def _breadth_first(project: Project, came_from: dict[FunctionRef, Step | None],
                   depth: int | None = None) -> Iterator[FunctionRef]:
    """Yield the functions of ``came_from`` and those they call, breadth first,
    recording in ``came_from`` the call that first reached each one. Every call
    to a function of the project is followed: sync or async, awaited or not;
    at most ``depth`` calls deep when given."""
    queue = deque((ref, 0) for ref in came_from)
    while queue:
        ref, level = queue.popleft()
        yield ref
        if depth is not None and level >= depth:
            continue
        for call in project.calls_by_function.get(ref, ()):
            callee = project.resolved(ref.file, call)
            if callee is not None and callee.function is not None and callee.function not in came_from:
                came_from[callee.function] = Step(ref.file, call, callee)
                queue.append((callee.function, level + 1))


def trace(project: Project, file_index: int, call: CallSite,
          path: tuple[Step, ...]) -> tuple[tuple[str, int, str], ...]:
    """The reported call, then each call on the way: ``("app/a.py", node, "helper()")``."""
    first = (project.files[file_index].path, call.node, f"{call.text}()")
    steps = [(project.files[s.file].path, s.call.node, f"{s.call.text}()") for s in path]
    return (first, *steps)

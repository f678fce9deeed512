"""The project's call graph: who calls each function, and breadth-first searches over calls.

Every question of the form "what does running this lead to" (forward) or "which functions
lead to that" (backward) is one of the two searches below, so they share one answer to the
hard parts:

- **shortest trace**: breadth first, and each function keeps the call that first reached
  it, so the reported path is a shortest one and ties go to the earlier call in the source;
- **recursion**: a function is entered once, so cycles end;
- **depth**: one policy (``Depth``) says how deep each kind of question follows calls.

The edges are calls that resolve to a function of the project (``Project.resolved``); a
search narrows them with its own predicate (a coroutine call runs nothing, a hand-off runs
its callable elsewhere).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, TypeVar

from .facts import MODULE_LEVEL, CallSite
from .refs import Callee, FunctionRef, Step

if TYPE_CHECKING:
    from .project import Project

S = TypeVar("S")


class Depth:
    """How many calls deep each kind of search follows, and why.

    Which thread runs the end of a long path goes through enough dynamic dispatch
    (callbacks, generators, frameworks) to be a guess: where-code-runs stops early.
    What a whole program does (starts a process, forks) is asked of fewer, coarser
    facts and tolerates a longer path. Blocking propagates without a limit: every
    function keeps its shortest path, and a finding names the whole path.
    """

    CONTEXT = 4  # where code runs: worker threads, child processes, import time
    PROGRAM = 6  # what running a function leads to: process starts, thread and loop uses
    UNLIMITED: int | None = None  # blocking propagation, reachability between program parts


@dataclass(frozen=True, slots=True)
class Edge:
    """A call of the project to one of its functions: ``call`` in file ``file`` (in the
    function ``call.function``, or module-level code) resolves to ``callee``."""

    file: int
    call: CallSite
    callee: Callee

    @property
    def caller(self) -> FunctionRef | None:
        """The calling function; None for module-level code."""
        return None if self.call.function == MODULE_LEVEL else FunctionRef(self.file, self.call.function)


def in_order(project: "Project", within: set[FunctionRef] | None) -> Iterator[tuple[FunctionRef, list[CallSite]]]:
    """The functions of ``within`` (all when None) that make calls, with them, in the order
    of ``Project.calls_by_function``: ties between equally short paths go the same way in a
    search over part of the project as over all of it."""
    if within is None:
        yield from project.calls_by_function.items()
        return
    for file_index in sorted({ref.file for ref in within}):
        for ref, calls in project.calls_by_function_of(file_index).items():
            if ref in within:
                yield ref, calls


def loop_side(project: "Project", starts: Iterable[FunctionRef]) -> set[FunctionRef]:
    """``starts`` (code that runs on the event loop's thread) and every function a call path
    from them to a blocking call can pass through: what they call and do not await nor get
    a coroutine from, then what those sync functions run in their own body, transitively.
    A ``backward`` search ``within`` it gives each of its functions the path a search over
    the whole project gives: every caller on the way is in it (see ``backward``)."""
    first = dict.fromkeys(starts)
    scope = set(first)
    queue = deque(first)
    while queue:
        ref = queue.popleft()
        function = project.function(ref)
        sync = function.kind == "def" and not function.is_async
        for call in project.calls_in(ref):
            callee = project.resolved(ref.file, call)
            target = callee.function if callee is not None else None
            if target is None or target in scope:
                continue
            if ((ref in first and not call.awaited and not project.function(target).is_async)
                    or (sync and project.runs_body(call, target))):
                scope.add(target)
                queue.append(target)
    return scope


def callers(project: "Project", within: set[FunctionRef] | None = None) -> dict[FunctionRef, list[Edge]]:
    """Function -> every call to it: those in functions first, grouped by calling function
    in the order ``Project.calls_by_function`` lists them, then module-level calls, file by
    file. The order decides ties between equally short paths, so it is fixed here.
    ``within``: only the calls those functions make (no module-level ones), built anew."""
    if within is not None:
        return _function_callers(project, within)

    def build() -> dict[FunctionRef, list[Edge]]:
        index = _function_callers(project, None)
        for file_index, facts in enumerate(project.files):
            for call in facts.calls:
                if call.function == MODULE_LEVEL:
                    callee = project.resolved(file_index, call)
                    if callee is not None and callee.function is not None:
                        index.setdefault(callee.function, []).append(Edge(file_index, call, callee))
        return index
    return project.cached("callgraph-callers", build)


def _function_callers(project: "Project", within: set[FunctionRef] | None) -> dict[FunctionRef, list[Edge]]:
    index: dict[FunctionRef, list[Edge]] = {}
    for ref, calls in in_order(project, within):
        for call in calls:
            callee = project.resolved(ref.file, call)
            if callee is not None and callee.function is not None:
                index.setdefault(callee.function, []).append(Edge(ref.file, call, callee))
    return index


Follow = Callable[[FunctionRef, CallSite], Iterable[Callee]]


def forward(project: "Project", came_from: dict[FunctionRef, Step | None], follow: Follow | None = None,
            depth: int | None = Depth.UNLIMITED,
            enters: Callable[[FunctionRef], bool] | None = None) -> Iterator[FunctionRef]:
    """Breadth first from the functions already in ``came_from`` (the starts, mapped to
    None): yield each function when its turn comes, and record in ``came_from`` the step
    that first reached every function found (``trace`` rebuilds the path). ``follow``
    gives the functions a call runs here; ``enters`` may refuse some (coroutines);
    ``depth`` limits how many calls from a start are followed. A caller may stop early:
    what is recorded so far stays valid. Without ``follow``, every call to a function of
    the project is followed: sync or async, awaited or not."""
    if follow is None:
        def follow(ref: FunctionRef, call: CallSite) -> Iterable[Callee]:
            callee = project.resolved(ref.file, call)
            return (callee,) if callee is not None and callee.function is not None else ()

    queue = deque((ref, 0) for ref in came_from)
    while queue:
        ref, level = queue.popleft()
        yield ref
        if depth is not None and level >= depth:
            continue
        for call in project.calls_in(ref):
            for callee in follow(ref, call):
                target = callee.function
                if target not in came_from and (enters is None or enters(target)):
                    came_from[target] = Step(ref.file, call, callee)
                    queue.append((target, level + 1))


def trace(came_from: dict[FunctionRef, Step | None], ref: FunctionRef) -> tuple[Step, ...]:
    """The calls from a start of a ``forward`` search to ``ref``, first call first."""
    steps = []
    step = came_from[ref]
    while step is not None:
        steps.append(step)
        step = came_from[FunctionRef(step.file, step.call.function)]  # the caller's own step
    return tuple(reversed(steps))


def reachable(project: "Project", starts: Iterable[FunctionRef], depth: int | None = Depth.UNLIMITED
              ) -> set[FunctionRef]:
    """Every function that running ``starts`` calls, sync or async, transitively, starts included."""
    return set(forward(project, dict.fromkeys(starts), depth=depth))


def backward(project: "Project", sources: Iterable[tuple[FunctionRef, Step]],
             follows: Callable[[Edge], bool], carry: Callable[[Edge, S], S | None] | None = None,
             states: dict[FunctionRef, S] | None = None, within: set[FunctionRef] | None = None
             ) -> dict[FunctionRef, tuple[Step, ...]]:
    """For each function that leads to a source (a function with the step that makes it
    one, first source of a function winning): its shortest call path there, first step in
    the function itself. Callers are followed breadth first over the edges ``follows``
    accepts. With ``carry``, each path holds a state (``states``: the sources' on entry,
    every function's on return) that ``carry(edge, state)`` moves to the caller, or
    refuses the edge by returning None.

    ``within``: the search stays in those functions (the sources given are among them).
    When every edge ``follows`` accepts from a function of ``within`` leads into it again,
    each function of ``within`` gets the path the whole search gives it: its callers on the
    way are in ``within``, and they are reached in the same order."""
    paths: dict[FunctionRef, tuple[Step, ...]] = {}
    queue: deque[FunctionRef] = deque()
    for ref, step in sources:
        if ref not in paths:
            paths[ref] = (step,)
            queue.append(ref)
    index = callers(project, within)
    while queue:
        reached = queue.popleft()
        for edge in index.get(reached, ()):
            caller = edge.caller
            if caller is not None and caller not in paths and follows(edge):
                if carry is not None and states is not None:
                    state = carry(edge, states[reached])
                    if state is None:
                        continue
                    states[caller] = state
                paths[caller] = (Step(edge.file, edge.call, edge.callee), *paths[reached])
                queue.append(caller)
    return paths


def caller_files(project: "Project", ref: FunctionRef) -> set[int]:
    """The files whose code calls ``ref``, directly or through other functions."""
    files: set[int] = set()
    seen = {ref}
    queue = deque(seen)
    index = callers(project)
    while queue:
        for edge in index.get(queue.popleft(), ()):
            files.add(edge.file)
            caller = edge.caller
            if caller is not None and caller not in seen:
                seen.add(caller)
                queue.append(caller)
    return files


def callees(project: "Project", file_index: int, calls: Iterable[CallSite]) -> list[FunctionRef]:
    """The project functions those calls (all in one file) call."""
    return [callee.function for call in calls
            if (callee := project.resolved(file_index, call)) is not None and callee.function is not None]


# (file index, call) -> a short name of what the call does, or None
Hit = Callable[[int, CallSite], "str | None"]


class NearestHit:
    """``path(start)``: what running ``start`` leads to — the call path from ``start`` to
    the nearest call ``hit`` accepts, first step in ``start`` itself, through every
    function it calls, sync or async (``asyncio.run(main())`` does run ``main``), at most
    ``Depth.PROGRAM`` calls long; None when there is none. Answers are kept: many
    module-level calls lead into the same ``main``."""

    def __init__(self, project: "Project", hit: Hit):
        self.project = project
        self.hit = hit
        self._paths: dict[FunctionRef, tuple[Step, ...] | None] = {}

    def path(self, start: FunctionRef) -> tuple[Step, ...] | None:
        if start not in self._paths:
            self._paths[start] = self._search(start)
        return self._paths[start]

    def _search(self, start: FunctionRef) -> tuple[Step, ...] | None:
        came_from: dict[FunctionRef, Step | None] = {start: None}
        for ref in forward(self.project, came_from, depth=Depth.PROGRAM):
            for call in self.project.calls_in(ref):
                what = self.hit(ref.file, call)
                if what:
                    return (*trace(came_from, ref), Step(ref.file, call, Callee(what)))
        return None


def trace_entries(project: "Project", steps: Iterable[tuple[int, CallSite]]) -> tuple[tuple[str, int, str], ...]:
    """A finding's trace: ``("app/a.py", node, "helper()")`` for each call (file, call)."""
    return tuple((project.files[file_index].path, call.node, call.spelled) for file_index, call in steps)

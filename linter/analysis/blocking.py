"""Which calls block the event loop: directly in a coroutine, or several calls deep.

Blocking is propagated from the functions that block directly outwards over the reversed
call graph (``callgraph.backward``), breadth first, so each function keeps its shortest
path to a blocking call, and recursion cannot loop. Calling a coroutine function runs
nothing, so coroutines stop the propagation; they are where it is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterable, Iterator

from .. import catalogue
from ..catalogue import BlockingAPI, concurrency
from . import callgraph, handoffs, reach
from .contexts import named_like_loop
from .facts import MODULE_LEVEL, CallSite, FunctionFacts
from .project import Project
from .refs import Callee, FunctionRef, Step

# loop methods that run a callable on the loop later, and where that callable is
_SCHEDULERS = {"call_soon": 0, "call_soon_threadsafe": 0, "call_later": 1, "call_at": 1,
               "add_reader": 1, "add_writer": 1, "add_signal_handler": 1}
_LOOP_TYPES = frozenset({concurrency.EVENT_LOOP})


@dataclass(frozen=True)
class BlockingCall:
    """A call made on the event loop that blocks it: in ``file``, by the coroutine
    ``function``, at ``call``; ``path`` runs from that call to the blocking one.
    ``scheduled``: the call hands a callable to the loop (``loop.call_soon(f)``),
    which runs it on the loop's thread; ``path`` then starts with ``f``."""

    file: int
    function: FunctionFacts
    path: tuple[Step, ...]
    scheduled: CallSite | None = None
    confidence: str = reach.CERTAIN  # reach.py: how sure it is that this path is taken

    @property
    def call(self) -> CallSite:
        return self.scheduled or self.path[0].call

    @property
    def api(self) -> BlockingAPI:
        api = self.path[-1].callee.api
        assert api is not None
        return api


def blocks(call: CallSite, api: BlockingAPI) -> bool:
    """False when the call's arguments make it return at once (``get(block=False)``,
    ``json.dump(data, io.StringIO())``), or when it blocks only with an argument it was
    not given (``psutil.cpu_percent()`` without ``interval``), or when it asks a future known
    to be done for its result."""
    if call.settled:
        return False
    for when in api.nonblocking_when:
        arg = call.arg(when.position, when.keyword) if when.position is not None else call.kwarg(when.keyword)
        if arg is None:
            continue
        if arg.kind in ("literal", "ref") and arg.value in when.values:
            return False
        if arg.type is not None and arg.type in when.types:
            return False
    if api.only_when:
        return any(_given(call, when) for when in api.only_when)
    return True

def _given(call: CallSite, when) -> bool:
    """Whether ``call`` passes the argument ``when`` (a ``BlocksWhenGiven``) with a value that blocks."""
    arg = call.arg(when.position, when.keyword) if when.position is not None else call.kwarg(when.keyword)
    if arg is None:
        return False
    return not (arg.kind in ("literal", "ref") and arg.value in when.unless)


def direct_block(project: Project, file_index: int, call: CallSite) -> Callee | None:
    """The call blocks, by itself: a catalogue API whose arguments do not make it return at once."""
    if call.awaited:  # whatever it is, it returned an awaitable: not a sync wait
        return None
    callee = project.resolved(file_index, call)
    if callee is not None and callee.api is not None and blocks(call, callee.api):
        return callee
    return None


def paths_to(project: Project, direct: Callable[[int, CallSite], Callee | None],
             reaches: dict[FunctionRef, reach.Reach] | None = None,
             within: set[FunctionRef] | None = None) -> dict[FunctionRef, tuple[Step, ...]]:
    """For each sync function that, when called, makes a call ``direct`` accepts
    (``direct(file index, call)`` returns its Callee or None) — itself or through
    the sync functions it calls: its shortest call path there, first step in the
    function itself. Coroutines stop the search: calling one runs nothing.
    With ``reaches``, the paths follow the branches the arguments can take
    (``reach.py``), and ``reaches`` receives each function's ``Reach``.
    ``within`` (``callgraph.loop_side``): only the functions there are searched."""
    sources = []
    for ref, calls in callgraph.in_order(project, within):
        function = project.function(ref)
        if function.kind != "def" or function.is_async:
            continue
        hits = [(call, found) for call in calls if (found := direct(ref.file, call)) is not None]
        if reaches is not None:  # an unconditional hit first: it blocks whatever the arguments
            hits.sort(key=lambda hit: (bool(hit[0].conditions), hit[0].conditional))
        if hits:
            sources.append((ref, Step(ref.file, hits[0][0], hits[0][1])))
            if reaches is not None:
                reaches[ref] = reach.Reach.at(hits[0][0])

    def follows(edge: callgraph.Edge) -> bool:
        caller = project.function(edge.caller)
        return caller.kind == "def" and not caller.is_async and project.runs_body(edge.call, edge.callee.function)

    def carry(edge: callgraph.Edge, state: reach.Reach) -> reach.Reach | None:
        return state.through(project, project.function(edge.caller), edge.call, project.function(edge.callee.function))
    return callgraph.backward(project, sources, follows, carry if reaches is not None else None, reaches, within)


def _blocking(project: Project) -> tuple[dict[FunctionRef, tuple[Step, ...]], dict[FunctionRef, reach.Reach]]:
    def build() -> tuple[dict[FunctionRef, tuple[Step, ...]], dict[FunctionRef, reach.Reach]]:
        reaches: dict[FunctionRef, reach.Reach] = {}
        within = callgraph.loop_side(project, _on_loop_starts(project)) if project.scoped else None
        return paths_to(project, lambda f, c: direct_block(project, f, c), reaches, within), reaches
    return project.cached("blocking-paths", build)


def _on_loop_starts(project: Project) -> Iterator[FunctionRef]:
    """Where the blocking calls of the reported files start: their coroutines, and the sync
    functions they hand to the loop (``loop.call_soon(self.flush)``)."""
    yield from _coroutines(project)
    for ref, call in _schedules(project):
        step = _scheduled_step(project, ref.file, call)
        if step is not None and step.callee.function is not None:
            yield step.callee.function


def _coroutines(project: Project) -> list[FunctionRef]:
    """The coroutine functions of the reported files."""
    return [ref for ref in project.reported_functions()
            if project.function(ref).kind == "def" and project.function(ref).is_async]


def blocking_paths(project: Project) -> dict[FunctionRef, tuple[Step, ...]]:
    """For each sync function that blocks when called: its shortest path to a blocking
    call, through the branches the calls on the way can take."""
    return _blocking(project)[0]


def _on_loop(project: Project, ref: FunctionRef, path: tuple[Step, ...]) -> BlockingCall | None:
    """The finding of a coroutine's path to a blocking call, with its confidence; None
    when the coroutine's call cannot take the branches the path needs."""
    function = project.function(ref)
    if path[0].call.conditional and path[0].callee.name in _offloaded(project).get(ref, ()):
        return None
    if len(path) == 1:
        return BlockingCall(ref.file, function, path, confidence=reach.Reach().confidence(function, path[0].call))
    callee = path[0].callee.function
    taken = _blocking(project)[1][callee].through(project, function, path[0].call, project.function(callee))
    if taken is None:
        return None
    return BlockingCall(ref.file, function, path, confidence=taken.confidence(function, None))


def _offloaded(project: Project) -> dict[FunctionRef, set[str]]:
    """The callables each function hands to a worker thread (``run_in_threadpool(self.file.write,
    data)``). Where a coroutine does that in one branch and calls the same thing directly in
    another, the code itself tells the two cases apart (a spooled file still in memory, a
    small read): the direct call is the one that does not wait."""
    def build() -> dict[FunctionRef, set[str]]:
        found: dict[FunctionRef, set[str]] = {}
        for handoff in handoffs.reported_handoffs(project):
            if handoff.destination != handoffs.THREAD or handoff.call.function == MODULE_LEVEL:
                continue
            step = _callable_step(project, handoff.file, handoff.call, handoff.callable)
            if step is not None:
                found.setdefault(FunctionRef(handoff.file, handoff.call.function), set()).add(step.callee.name)
        return found
    return project.cached("offloaded-callables", build)


def blocking_calls(project: Project) -> list[BlockingCall]:
    """Every call made on the event loop that blocks it: in a coroutine, directly or through
    sync helpers, and the blocking callbacks handed to the loop."""
    return project.cached("blocking-calls", lambda: _blocking_calls(project))


def _blocking_calls(project: Project) -> list[BlockingCall]:
    """Those of the reported files."""
    coroutines = _coroutines(project)

    def enters(call: CallSite, target: FunctionRef) -> bool:
        return project.runs_body(call, target) and not project.function(target).is_async
    found = [finding for ref, path in on_loop_paths(project, coroutines, (lambda f, c: direct_block(project, f, c)),
                                                     blocking_paths(project), enters)
             if (finding := _on_loop(project, ref, path)) is not None]
    found.extend(_scheduled_blocking(project))
    return found


def on_loop_paths(project: Project, functions: Iterable[FunctionRef], direct: Callable[[int, CallSite], Callee | None],
                  paths: dict[FunctionRef, tuple[Step, ...]], enters: Callable[[CallSite, FunctionRef], bool]
                  ) -> Iterator[tuple[FunctionRef, tuple[Step, ...]]]:
    """The calls of ``functions`` (code that runs on the event loop's thread) that
    ``direct`` accepts, made there or in a sync function they call (``paths``, from
    ``paths_to(direct)``) when ``enters(call, callee)``: each with its path, from the
    call in the function to the accepted one."""
    for ref in functions:
        for call in project.calls_in(ref):
            hit = direct(ref.file, call)
            if hit is not None:
                yield ref, (Step(ref.file, call, hit),)
                continue
            callee = project.resolved(ref.file, call)
            if callee is None or callee.function is None or not enters(call, callee.function):
                continue
            path = paths.get(callee.function)
            if path:
                yield ref, (Step(ref.file, call, callee), *path)


def _schedules(project: Project) -> Iterator[tuple[FunctionRef, CallSite]]:
    """The calls of the reported files' functions that hand a callable to the loop."""
    for ref in project.reported_functions():
        for call in project.calls_in(ref):
            position = _SCHEDULERS.get(call.method or "")
            if position is None or call.target or (call.receiver and call.receiver not in _LOOP_TYPES):
                continue
            if call.receiver is None and not named_like_loop(call):
                continue  # `hub.call_soon(f)` on an object of unknown type: not known to be a loop
            yield ref, call


def _scheduled_step(project: Project, file_index: int, call: CallSite) -> Step | None:
    """The callable a scheduling call hands to the loop, as the first step of a path."""
    arg = call.arg(_SCHEDULERS[call.method or ""])
    return _callable_step(project, file_index, call, arg) if arg else None


def _scheduled_blocking(project: Project) -> Iterator[BlockingCall]:
    """Callbacks handed to the loop that block it when they run:
    ``loop.call_soon(time.sleep, 1)``, ``loop.call_later(5, self.flush)``."""
    for ref, call in _schedules(project):
        step = _scheduled_step(project, ref.file, call)
        if step is None:
            continue
        if step.callee.api is not None:
            yield BlockingCall(ref.file, project.function(ref), (step,), call)
        elif step.callee.function is not None:
            target = project.function(step.callee.function)
            path = None if target.is_async else blocking_paths(project).get(step.callee.function)
            if path:
                # called back with arguments nobody here passes: its branches stay open
                taken = _blocking(project)[1][step.callee.function]
                yield BlockingCall(ref.file, project.function(ref), (step, *path), call,
                                   taken.confidence(target, None))


def _callable_step(project: Project, file_index: int, call: CallSite, arg) -> Step | None:
    """A callable passed as an argument, as the step of a call path."""
    if arg.kind == "ref":
        name = project.resolve(arg.value)
        api = catalogue.lookup(name)
        function = None if api else project.find_function(name, file_index)
    elif arg.kind == "method":
        owner, _, method = arg.value.rpartition(".")
        owner_type = project.resolve_type(owner)
        if owner_type is None:
            return None
        name = f"{owner_type}.{method}"
        api = catalogue.lookup_method(owner_type, method)
        function = None if api else project.method(owner_type, method, file_index)
    else:
        return None
    if api is None and function is None:
        return None
    text = name.rsplit(".", 1)[-1]
    return Step(file_index, replace(call, text=text), Callee(name, api, function))

"""Where code runs: which functions of the project run in a worker thread or in a
child process rather than on the event loop's thread.

A function runs in a thread when it is handed to one (``handoffs.py``: a
``Thread`` target, an executor's callable, ``asyncio.to_thread``...) or is a
``Thread`` subclass's ``run``, and so does every sync function those call,
across files. The search goes forward from each entry point, breadth first,
so every reached function keeps its shortest path from an entry: that path is
what a finding's message and trace show. Coroutine functions stop it: calling
one in a thread only creates a coroutine object.

A thread that runs an event loop of its own (``new_event_loop`` +
``run_until_complete``, ``asyncio.run``) may use loop-only APIs on that loop,
so for ``thread_code`` the search does not enter such functions: the rules
that read it flag loop misuse, and those threads have a loop.

Built once per Project (``Project.cached``) and shared by the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterable, Iterator

from .. import catalogue
from ..catalogue import concurrency, python
from . import callgraph
from .callgraph import Depth
from .facts import MODULE_LEVEL, CallSite
from .handoffs import (
    PROCESS,
    THREAD,
    Handoff,
    callable_function,
    handoffs,
    subclass_entries,
)
from .project import Project
from .refs import Callee, FunctionRef, Step

LOOP_OWNING_CALLS = concurrency.LOOP_OWNING_CALLS
LOOP_OWNING_METHODS = concurrency.LOOP_RUN_METHODS


@dataclass(frozen=True)
class Reach:
    """How a function comes to run off the loop's thread: ``entry`` is the
    function handed over (by ``handoff``, or None for a ``Thread.run``), ``path``
    the calls from ``entry`` to this function (empty for the entry itself).
    ``params``: for the entry, the types of the values the hand-off passes to
    its parameters (``Thread(target=worker, args=(loop, queue))``). ``start``:
    the call that runs the entry (the hand-off's, or a module-level call), as
    (file index, call), when there is one."""

    entry: FunctionRef
    handoff: Handoff | None
    path: tuple[Step, ...]
    destination: str
    params: tuple[tuple[str, str], ...] = ()
    start: tuple[int, CallSite] | None = None

    def param_type(self, name: str) -> str | None:
        return next((t for param, t in self.params if param == name), None) if not self.path else None


def named_like_loop(call: CallSite) -> bool:
    """The receiver of a method call is named like an event loop (``loop``,
    ``self._loop``, ``event_loop``): for names other libraries use too
    (``ws.run_forever()``) when the receiver's type is unknown."""
    return "loop" in call.text.rpartition(".")[0].rpartition(".")[2].lower()


def owns_loop(project: Project, ref: FunctionRef) -> bool:
    """True when the function creates or runs an event loop in its own thread."""
    for call in project.calls_in(ref):
        if call.method in LOOP_OWNING_METHODS and (call.receiver or named_like_loop(call)
                                                   or call.method == "run_until_complete"):
            return True
        callee = project.resolved(ref.file, call)
        if callee is not None and callee.name in LOOP_OWNING_CALLS:
            return True
    return False


Entry = tuple[FunctionRef, "Handoff | None", "tuple[int, CallSite] | None"]


def _entries(project: Project, destination: str) -> list[Entry]:
    found: list[Entry] = []
    for handoff in handoffs(project):
        if handoff.destination != destination:
            continue
        ref = callable_function(project, handoff.file, handoff.call, handoff.callable)
        if ref is not None:
            found.append((ref, handoff, (handoff.file, handoff.call)))
    found.extend((ref, None, None) for ref, where in subclass_entries(project) if where == destination)
    return found


def may_get_param_types(project: Project, ref: FunctionRef) -> bool:
    """Whether a hand-off may type the function's parameters (``Reach.params``): it is a
    lambda, or its name is that of a callable some call of the project is given (what
    ``callable_function`` can make of an argument). Asked without resolving any call."""
    function = project.function(ref)
    return function.kind == "lambda" or function.name in _callable_names(project)


def _callable_names(project: Project) -> frozenset[str]:
    def build() -> frozenset[str]:
        names: set[str] = set()
        for facts in project.files:
            for call in facts.calls:
                for arg in (*call.args, *(value for _, value in call.kwargs)):
                    while arg.kind == "partial" and arg.inner is not None:
                        arg = arg.inner
                    if arg.kind == "ref":
                        names.add(project.resolve(arg.value).rpartition(".")[2])
                    elif arg.kind == "method":
                        names.add(arg.value.rpartition(".")[2])
        return frozenset(names)
    return project.cached("callable-argument-names", build)


def _param_types(project: Project, ref: FunctionRef, handoff: Handoff | None) -> tuple[tuple[str, str], ...]:
    """Parameter name -> type of the argument the hand-off gives it, where known."""
    if handoff is None or handoff.callable.kind not in ("ref", "method"):
        return ()
    function = project.function(ref)
    params = function.params
    if handoff.callable.kind == "method" and python.STATICMETHOD not in function.decorators:
        params = params[1:]  # bound: `self` (or `cls`) is not passed
    found = []
    for param, arg in (*zip(params, handoff.args), *handoff.kwargs):
        arg_type = project.resolve_type(arg.type) if arg.type else None
        if arg_type and param in params:
            found.append((param, arg_type))
    return tuple(found)


def reach(project: Project, entries: Iterable[Entry], destination: str,
          stop: Callable[[FunctionRef], bool] = lambda ref: False) -> dict[FunctionRef, Reach]:
    """The sync functions that run when ``entries`` run, each with its shortest
    path from an entry (at most ``Depth.CONTEXT`` calls); the search does not enter
    coroutine functions nor the functions ``stop`` accepts."""
    def enters(ref: FunctionRef) -> bool:
        function = project.function(ref)
        return not function.is_async and function.kind != "class" and not stop(ref)

    starts: dict[FunctionRef, Reach] = {}
    for ref, handoff, start in entries:
        if ref in starts:  # handed over again: what this hand-off passes types more parameters
            known = starts[ref]
            extra = tuple(p for p in _param_types(project, ref, handoff) if known.param_type(p[0]) is None)
            starts[ref] = replace(known, params=known.params + extra)
        elif enters(ref):
            starts[ref] = Reach(ref, handoff, (), destination, _param_types(project, ref, handoff), start)
    handed = _handoff_calls(project)
    came_from: dict[FunctionRef, Step | None] = dict.fromkeys(starts)
    for _ in callgraph.forward(project, came_from, lambda ref, call: runs_here(project, ref.file, call, handed),
                               Depth.CONTEXT, enters):
        pass
    reached: dict[FunctionRef, Reach] = {}
    for ref, step in came_from.items():  # callers come before their callees
        if step is None:
            reached[ref] = starts[ref]
        else:
            here = reached[FunctionRef(step.file, step.call.function)]
            reached[ref] = Reach(here.entry, here.handoff, (*here.path, step), destination, start=here.start)
    return reached


# Calls whose callable arguments run on an event loop's thread, or at another
# time in another thread (signal handlers, exit hooks), not during the call.
_LOOP_SIDE_METHODS = frozenset({
    "call_soon_threadsafe", "call_soon", "call_later", "call_at", "add_done_callback", "add_signal_handler",
    "add_reader", "add_writer", "add_callback", "spawn_callback", "add_callback_from_signal",
})
_LOOP_SIDE_PREFIXES = ("asyncio.", "anyio.from_thread.", "trio.from_thread.", "signal.", "atexit.", "weakref.")
_CALLABLE_KINDS = frozenset({"ref", "method", "lambda", "partial"})


def runs_here(project: Project, file_index: int, call: CallSite,
              handed: frozenset[tuple[int, int]]) -> Iterator[Callee]:
    """The project functions that a call runs in the calling thread: the callee,
    and the callables it is given (``urlretrieve(url, dest, reporthook=hook)``,
    ``sorted(rows, key=rank)``), except those handed to another thread (``handed``:
    the hand-off calls) or to an event loop (``loop.call_soon_threadsafe(cb)``)."""
    callee = project.resolved(file_index, call)
    if callee is not None and callee.function is not None and not call.awaited:
        yield callee
    if (file_index, call.node) in handed or call.method in _LOOP_SIDE_METHODS or _stores(call, callee):
        return
    if callee is not None and callee.name.startswith(_LOOP_SIDE_PREFIXES):
        return
    for arg in (*call.args, *(value for _, value in call.kwargs)):
        if arg.kind in _CALLABLE_KINDS:
            ref = callable_function(project, file_index, call, arg)
            if ref is not None:
                yield Callee(project.function(ref).qualname, None, ref)


def _stores(call: CallSite, callee: Callee | None) -> bool:
    """The call keeps its callable arguments for later rather than calling them:
    a container (``handlers.append(cb)``), a registration (``bus.subscribe(cb)``,
    ``add_...``, ``on_...``, ``set_...``), or an object built around them
    (``Button(command=cb)``), whose later calls may come from any thread."""
    method = call.method or ""
    if method in _STORING_METHODS or method.startswith(_STORING_PREFIXES):
        return True
    name = callee.name if callee is not None else call.text
    return name.rpartition(".")[2][:1].isupper()


_STORING_METHODS = frozenset({"append", "appendleft", "extend", "insert", "add", "put", "put_nowait", "setdefault",
                              "update", "register", "subscribe", "connect", "bind", "on", "push", "callback"})
_STORING_PREFIXES = ("add_", "on_", "register", "set_", "subscribe")


def _handoff_calls(project: Project) -> frozenset[tuple[int, int]]:
    return project.cached("handoff_calls", lambda: frozenset((h.file, h.call.node) for h in handoffs(project)))


def import_time_code(project: Project) -> dict[FunctionRef, Reach]:
    """The sync functions that module-level code runs (at import, or in a
    script's ``if __name__ == "__main__":``), directly or through sync helpers,
    and that no coroutine calls: no event loop runs while they do. Functions
    that set an event loop of their own (``asyncio.set_event_loop``) stop it."""
    def build() -> dict[FunctionRef, Reach]:
        top_level: dict[int, list[CallSite]] = {}
        for file_index, call, _ in project.iter_calls():
            if call.function == MODULE_LEVEL:
                top_level.setdefault(file_index, []).append(call)
        roots: list[Entry] = []
        for file_index, calls in top_level.items():
            if calls_set_loop(project, file_index, calls):
                continue  # the script sets a loop first: what it calls has one
            for call in calls:
                callee = project.resolved(file_index, call)
                if callee is not None and callee.function is not None:
                    roots.append((callee.function, None, (file_index, call)))
        on_loop: list[Entry] = []
        for ref, calls in project.calls_by_function.items():
            if project.function(ref).is_async:
                for call in calls:
                    callee = project.resolved(ref.file, call)
                    if callee is not None and callee.function is not None and not call.awaited:
                        on_loop.append((callee.function, None, None))
        loop_side = reach(project, on_loop, "loop")
        at_import = reach(project, roots, "import", lambda ref: sets_loop(project, ref))
        return {ref: found for ref, found in at_import.items() if ref not in loop_side}
    return project.cached("import_time_code", build)


def sets_loop(project: Project, ref: FunctionRef) -> bool:
    """The function calls ``asyncio.set_event_loop(...)``, itself or through the sync
    helpers and context managers it calls (``with loop_context() as loop:``): later code
    in it, and what it calls, has a current loop."""
    return ref in _loop_setters(project)


def _loop_setters(project: Project) -> dict[FunctionRef, tuple[Step, ...]]:
    def build() -> dict[FunctionRef, tuple[Step, ...]]:
        sources = []
        for ref, calls in project.calls_by_function.items():
            for call in calls:
                callee = project.resolved(ref.file, call)
                if callee is not None and callee.name == concurrency.SET_EVENT_LOOP:
                    sources.append((ref, Step(ref.file, call, callee)))
                    break

        def follows(edge: callgraph.Edge) -> bool:
            caller = project.function(edge.caller)
            return caller.kind == "def" and not caller.is_async and project.runs_body(edge.call, edge.callee.function)
        return callgraph.backward(project, sources, follows)
    return project.cached("loop-setters", build)


def calls_set_loop(project: Project, file_index: int, calls: Iterable[CallSite]) -> bool:
    for call in calls:
        callee = project.resolved(file_index, call)
        if callee is not None and callee.name == concurrency.SET_EVENT_LOOP:
            return True
    return False


_LOOP_CALLBACK_METHODS = frozenset({"call_soon", "call_soon_threadsafe", "call_later", "call_at",
                                    "add_signal_handler", "add_reader", "add_writer"})


def loop_callbacks(project: Project) -> dict[FunctionRef, tuple[int, CallSite]]:
    """Sync functions the event loop calls on its own thread: callbacks given
    to ``loop.call_soon``/``call_later``/``call_soon_threadsafe``/
    ``add_signal_handler``... or to an asyncio future's ``add_done_callback``;
    with the call that registers each (file index, call). The method's name is
    looked at first: it rules out nearly every call without resolving a type."""
    def build() -> dict[FunctionRef, tuple[int, CallSite]]:
        found: dict[FunctionRef, tuple[int, CallSite]] = {}
        for file_index, facts in enumerate(project.files):  # property reads pass no callable
            for call in facts.calls:
                if (call.method in _LOOP_CALLBACK_METHODS or call.method == "add_done_callback") and \
                        _registers_on_loop(project, call):
                    for arg in call.args:
                        ref = callable_function(project, file_index, call, arg) if arg.kind in _CALLABLE_KINDS else None
                        if ref is not None and not project.function(ref).is_async:
                            found.setdefault(ref, (file_index, call))
        return found
    return project.cached("loop_callbacks", build)


def _registers_on_loop(project: Project, call: CallSite) -> bool:
    """A loop's callback method, or an asyncio future's ``add_done_callback``."""
    owner = project.resolve_type(call.receiver) if call.receiver else None
    ancestry = catalogue.type_ancestry(owner) if owner else ()
    if call.method == "add_done_callback":
        return concurrency.ASYNCIO_FUTURE in ancestry
    return concurrency.EVENT_LOOP in ancestry or (owner is None and call.target is None)


def thread_code(project: Project) -> dict[FunctionRef, Reach]:
    """The functions that run in a worker thread with no event loop of its own."""
    return project.cached("thread_code", lambda: _threads(project, lambda ref: owns_loop(project, ref)))


def thread_functions(project: Project) -> dict[FunctionRef, Reach]:
    """Every function that runs in a worker thread, threads running a loop of
    their own included (for rules about threads existing at all)."""
    return project.cached("thread_functions", lambda: _threads(project, lambda ref: False))


def _threads(project: Project, stop: Callable[[FunctionRef], bool]) -> dict[FunctionRef, Reach]:
    entries = _entries(project, THREAD)
    reached = reach(project, entries, THREAD, stop)
    registered = _registered_callbacks(project, reached)
    return reach(project, entries + registered, THREAD, stop) if registered else reached


def _registered_callbacks(project: Project, threads: dict[FunctionRef, Reach]) -> list[Entry]:
    """Callables registered with an object whose own thread calls back
    (``sdk.on_event(listener.handle)`` where ``VendorSDK._pump`` runs in a thread
    and calls ``cb(event)``): the callback runs in that thread. A class counts
    when its thread code calls something it cannot name (a stored callable)."""
    calling_back = {project.function(ref).cls for ref in threads
                    if project.function(ref).cls and _calls_back(project, ref)}
    if not calling_back:
        return []
    handed = _handoff_calls(project)
    found: list[Entry] = []
    for file_index, call, callee in project.iter_calls():
        if callee is None or callee.function is None or (file_index, call.node) in handed:
            continue
        if project.function(callee.function).cls not in calling_back:
            continue
        for arg in (*call.args, *(value for _, value in call.kwargs)):
            if arg.kind in _CALLABLE_KINDS:
                ref = callable_function(project, file_index, call, arg)
                if ref is not None:
                    found.append((ref, None, (file_index, call)))
    return found


def _calls_back(project: Project, ref: FunctionRef) -> bool:
    """The function calls a value it holds (``cb(event)``, ``self.on_event(x)``),
    other than through a loop (``loop.call_soon_threadsafe(cb)`` is the loop's call)."""
    for call in project.calls_in(ref):
        callee = project.resolved(ref.file, call)
        if call.method in (None, "__call__") and call.target is None and call.text.isidentifier():
            return True  # a local name: a parameter or a loop variable holding a callable (typed or not)
        if callee is not None and callee.function is None and callee.api is None and call.receiver \
                and project.resolve_type(call.receiver) == project.function(ref).cls:
            return True  # `self.callback(x)`: an attribute, not a method
    return False


def process_code(project: Project) -> dict[FunctionRef, Reach]:
    """The functions that run in a child process."""
    return project.cached("process_code", lambda: reach(project, _entries(project, PROCESS), PROCESS))


def reach_trace(project: Project, reach: Reach, file_index: int, call: CallSite,
                text: str) -> tuple[tuple[str, int, str], ...]:
    """The trace of a finding at ``call`` in thread code: the hand-off, the calls
    that lead to the function, then the call itself."""
    steps = [reach.start] if reach.start is not None else []
    steps += [(step.file, step.call) for step in reach.path]
    return (*callgraph.trace_entries(project, steps), (project.files[file_index].path, call.node, text))


def describe_reach(project: Project, reach: Reach) -> str:
    """``worker()`` runs in a thread (``threading.Thread`` at app.py) / via ``helper()``."""
    entry = project.function(reach.entry)
    name = "a lambda" if entry.kind == "lambda" else f"`{entry.name}()`"
    if reach.handoff is not None:
        how = f"handed to `{reach.handoff.call.spelled}`"
    else:
        owner = (entry.cls or "").rpartition(".")[2]
        how = f"`{owner}.{entry.name}`, which its base class calls there"
    via = ""
    if reach.path:
        via = " -> ".join(step.call.spelled for step in reach.path)
        via = f", which calls {via}"
    where = "a worker thread" if reach.destination == THREAD else "a child process"
    return f"{name} runs in {where} ({how}){via}"

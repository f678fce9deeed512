"""Which calls start processes, start threads, run an event loop or fork: the
call-site predicates the LS3 rules share.

Each predicate takes the project and one ``CallSite`` and answers with a short
name of what the call does (``"multiprocessing.Process.start()"``), or None.
Types are checked through the catalogue's bases *and* the project's own classes,
so ``class Worker(multiprocessing.Process)`` started as ``Worker().start()``
counts like the base.
"""

from __future__ import annotations

import ast

from .. import catalogue
from ..catalogue import concurrency
from .contexts import named_like_loop
from .executor_params import arg_type, passed_type
from .facts import ArgRef, CallSite
from .project import Project

PROCESS = concurrency.PROCESS_TYPE
THREAD = concurrency.THREAD_TYPE
RUN_IN_EXECUTOR = concurrency.RUN_IN_EXECUTOR


def ancestry(project: Project, type_name: str) -> tuple[str, ...]:
    """The type, the project classes it inherits from, and every catalogue base
    of those: ``app.Worker`` -> ``(app.Worker, multiprocessing.Process)``."""
    known = project.cached("process-ancestry", dict)
    if type_name not in known:
        known[type_name] = _ancestry(project, type_name)
    return known[type_name]


def _ancestry(project: Project, type_name: str) -> tuple[str, ...]:
    resolved = project.resolve_type(type_name) if "::" in type_name else catalogue.canonical(project.resolve(type_name))
    if resolved is None:
        return ()
    found: list[str] = []
    for cls in project.mro(resolved) or [resolved]:
        names = [cls]
        if cls in project.classes:
            names.extend(project.classes[cls][1].bases)
        for name in names:
            for t in catalogue.type_ancestry(catalogue.canonical(name)):
                if t not in found:
                    found.append(t)
    return tuple(found)


def is_a(project: Project, type_name: str | None, base: str) -> bool:
    return bool(type_name) and base in ancestry(project, type_name)


def _class_called(project: Project, call: CallSite) -> tuple[str, ...]:
    """The ancestry of the class a call instantiates (``Pool()``, ``MyPool()``), or ()."""
    if not call.target:
        return ()
    name = catalogue.canonical(project.resolve(call.target))
    if name in project.classes:
        return ancestry(project, name)
    return (name,)


def _receiver_is(project: Project, call: CallSite, base: str) -> bool:
    return call.receiver is not None and is_a(project, call.receiver, base)


def string_arg(arg: ArgRef | None) -> str | None:
    """The value of a string literal argument (``"fork"``), else None."""
    if arg is None or arg.kind != "literal":
        return None
    try:
        value = ast.literal_eval(arg.value)
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) else None


def executor_type_of(project: Project, file_index: int, call: CallSite) -> str | None:
    """The type of the executor given to ``run_in_executor``, where known: from
    the argument itself, or from what the callers pass for that parameter."""
    return arg_type(project, call.arg(0, "executor")) or passed_type(project, file_index, call)


def is_process_pool(project: Project, type_name: str | None) -> bool:
    """A ``ProcessPoolExecutor`` or a ``multiprocessing.Pool`` (not a ``ThreadPool``)."""
    types = ancestry(project, type_name) if type_name else ()
    return bool(concurrency.PROCESS_POOL_FACTORIES.intersection(types)) and not concurrency.THREAD_POOL_FACTORIES.intersection(types)


def creates_process_pool(project: Project, call: CallSite) -> str | None:
    """``multiprocessing.Pool``, ``concurrent.futures.ProcessPoolExecutor``,
    ``multiprocessing.Manager`` (or a subclass, or a context's ``Pool``/``Manager``,
    named ``multiprocessing.get_context().Pool``) when the call creates one."""
    created = _class_called(project, call)
    pool = next((t for t in created if t in concurrency.PROCESS_POOL_FACTORIES), None)
    if pool and not concurrency.THREAD_POOL_FACTORIES.intersection(created):  # a ThreadPool is a Pool subclass
        return pool
    if call.method in concurrency.CONTEXT_PROCESS_POOL_METHODS and _receiver_is(project, call, concurrency.MP_CONTEXT):
        return f"multiprocessing.get_context().{call.method}"
    return None


def starts_process(project: Project, call: CallSite) -> str | None:
    """``Process.start()``, ``Pool()``, ``ProcessPoolExecutor()``, ``Manager()``..."""
    if call.method == "start" and _receiver_is(project, call, PROCESS):
        return f"{PROCESS}.start()"
    pool = creates_process_pool(project, call)
    return f"{pool}()" if pool else None


def starts_thread(project: Project, call: CallSite) -> str | None:
    """``Thread.start()``, a thread pool, ``to_thread``, ``run_in_executor``."""
    if call.method == "start" and _receiver_is(project, call, THREAD):
        return f"{THREAD}.start()"
    pool = next((t for t in _class_called(project, call) if t in concurrency.THREAD_POOL_FACTORIES), None)
    if pool:
        return f"{pool}()"
    if call.target and catalogue.canonical(project.resolve(call.target)) in concurrency.THREAD_FUNCTIONS:
        return f"{catalogue.canonical(project.resolve(call.target))}()"
    if call.method == "run_in_executor" and _loop_receiver(project, call):
        return "loop.run_in_executor()"
    return None


def runs_loop(project: Project, call: CallSite) -> str | None:
    """``asyncio.run()``, ``asyncio.Runner()``, ``loop.run_until_complete()``..."""
    if call.target and catalogue.canonical(project.resolve(call.target)) in concurrency.LOOP_RUNNERS_AND_RUNNER:
        return f"{catalogue.canonical(project.resolve(call.target))}()"
    if call.method in concurrency.LOOP_RUN_METHODS and _loop_receiver(project, call):
        return f"loop.{call.method}()"
    return None


def _loop_receiver(project: Project, call: CallSite) -> bool:
    """An event loop, or a receiver of unknown type named like one (``loop``,
    ``self._loop``: websocket-client's ``ws.run_forever()`` is no event loop).
    ``run_in_executor`` is the loop's own name, whatever the receiver is called.
    A known type that is not a loop (a project class with a method of that name)
    is not one."""
    if call.receiver is None:
        return call.method == "run_in_executor" or named_like_loop(call)
    return is_a(project, call.receiver, concurrency.EVENT_LOOP)


def selects_fork(project: Project, call: CallSite) -> str | None:
    """``set_start_method("fork")`` or ``get_context("fork")``."""
    name = catalogue.canonical(project.resolve(call.target)) if call.target else None
    if name in concurrency.START_METHOD_CALLS and string_arg(call.arg(0, "method")) == "fork":
        return f'{name}("fork")'
    return None


def forks(project: Project, call: CallSite) -> str | None:
    """``os.fork()``, ``os.forkpty()``, or selecting the fork start method."""
    if call.target and catalogue.canonical(project.resolve(call.target)) in concurrency.FORK_CALLS:
        return f"{catalogue.canonical(project.resolve(call.target))}()"
    return selects_fork(project, call)

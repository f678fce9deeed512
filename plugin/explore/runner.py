"""Running an explored test: one example on a fresh exploring loop, many examples under
Hypothesis, or one replayed schedule.

An example runs the test's coroutine as ``asyncio.run`` would (the remaining tasks
cancelled, async generators closed, the executors' jobs waited for), with the
primitives explorable and the thread pools' jobs turned into scheduled workers.
Hypothesis draws each decision; when an example fails it shrinks the decisions, and
the last failing example it runs is the shrunk one, whose schedule the report shows.
"""

from __future__ import annotations

import asyncio
import asyncio.runners
import linecache
import traceback
import warnings
from collections.abc import Callable, Coroutine, Iterable
from contextlib import ExitStack
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from .executor import explored_thread_pools
from .loop import ExploringLoop
from .primitives import ACTIVE, explored_primitives
from .schedule import Chooser
from .scheduler import ScheduleDeadlock, Scheduler
from .threads import explored_threads


@dataclass(frozen=True)
class ExploreSettings:
    max_examples: int = 200
    stall_timeout: float = 2.0  # real seconds to wait for threads or sockets not explored
    horizon: float = 3600.0  # virtual seconds an example may last
    budget: int = 2000  # decisions drawn per example; the canonical choice after that
    shrink: bool = True
    database: bool = True  # Hypothesis' example database: a failure found once comes back first


@dataclass
class Failure:
    error: BaseException
    chooser: Chooser
    example: int  # how many examples ran until the first failure


@dataclass
class Exploration:
    failure: Failure | None  # the shrunk failing schedule, if one failed
    examples: int  # examples run, shrinking included


def _current_loop() -> Any:
    local = getattr(asyncio.get_event_loop_policy(), "_local", None)
    return getattr(local, "_loop", None)


def _set_loop(loop: Any) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        asyncio.set_event_loop(loop)


async def _jobs_done(scheduler: Scheduler) -> None:
    """Until the executors' jobs are done (threads the test started are not waited for,
    as ``asyncio.run`` does not)."""
    while scheduler.jobs_left():
        scheduler.drained = scheduler.loop.create_future()
        await scheduler.drained


def _finish(loop: ExploringLoop, scheduler: Scheduler) -> None:
    """What ``asyncio.run`` does after the main task: cancel the rest (the plugin's leak
    detector sees them), close async generators, wait for the executors' jobs."""
    asyncio.runners._cancel_all_tasks(loop)
    loop.run_until_complete(loop.shutdown_asyncgens())
    loop.run_until_complete(_jobs_done(scheduler))


def _discard(loop: ExploringLoop) -> None:
    """After a failure: cancel what is left, quietly (the example already failed)."""
    tasks = [task for task in asyncio.all_tasks(loop) if not task.done()]
    if not tasks:
        return
    for task in tasks:
        task.cancel()
    try:
        loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
    except BaseException:  # another deadlock on the way out: the failure is already known
        for task in tasks:  # seen: their errors must not be logged later, in another test
            if task.done() and not task.cancelled():
                task.exception()


def _not_a_test_failure(exc: BaseException) -> bool:
    """Interrupts, and Hypothesis' own control flow (a draw past its data raises StopTest)."""
    return isinstance(exc, (KeyboardInterrupt, SystemExit)) or \
        type(exc).__module__.startswith("hypothesis.")


def run_example(make_coro: Callable[[], Coroutine], chooser: Chooser,
                settings: ExploreSettings, locate: Callable[[Any], str]) -> BaseException | None:
    """One run of the test on an exploring loop; the error it failed with, or None."""
    scheduler = Scheduler(chooser, locate, stall_timeout=settings.stall_timeout,
                          horizon=settings.horizon)
    previous = _current_loop()
    ACTIVE.scheduler = scheduler
    loop = ExploringLoop(scheduler)
    error: BaseException | None = None
    main = None
    try:
        _set_loop(loop)
        try:
            main = loop.create_task(make_coro())
            loop.run_until_complete(main)
            _finish(loop, scheduler)
        except BaseException as exc:
            if _not_a_test_failure(exc):
                raise
            error = exc
        return scheduler.failure or error
    finally:
        if main is not None and main.done() and not main.cancelled():
            main.exception()  # seen: an example cut short by Hypothesis must not log it
        chooser.frozen = True
        scheduler.failure = None
        scheduler.abort()
        _discard(loop)
        ACTIVE.scheduler = None
        _set_loop(previous)
        loop.close()


def explore(make_coro: Callable[[], Coroutine], nodeid: str, settings: ExploreSettings,
            locate: Callable[[Any], str], replay: list[int] | None = None,
            modules: Iterable[ModuleType] = ()) -> Exploration:
    """Explore (or replay one schedule); ``modules`` are the user's, whose names bound to
    ``time.sleep`` and the lock factories follow the exploration too."""
    with ExitStack() as stack:
        stack.enter_context(explored_primitives(modules))
        stack.enter_context(explored_thread_pools())
        stack.enter_context(explored_threads())
        if replay is not None:
            chooser = Chooser(replay=replay)
            error = run_example(make_coro, chooser, settings, locate)
            return Exploration(Failure(error, chooser, 1) if error is not None else None, 1)
        return _search(make_coro, nodeid, settings, locate)


def _search(make_coro: Callable[[], Coroutine], nodeid: str, settings: ExploreSettings,
            locate: Callable[[Any], str]) -> Exploration:
    from hypothesis import HealthCheck, Phase, Verbosity, given
    from hypothesis import settings as hypothesis_settings
    from hypothesis import strategies as st

    indices: dict[int, Any] = {}
    runs = {"count": 0, "first_failure": 0}
    last: list[Failure] = []

    def draw_from(data: Any) -> Callable[[int], int]:
        def draw(n: int) -> int:
            if n not in indices:
                indices[n] = st.integers(0, n - 1)
            return data.draw(indices[n])
        return draw

    phases = (Phase.explicit, Phase.reuse, Phase.generate, Phase.target)

    @hypothesis_settings(
        max_examples=settings.max_examples, deadline=None,
        database=hypothesis_settings().database if settings.database else None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                               HealthCheck.large_base_example],
        verbosity=Verbosity.quiet,
        phases=phases + ((Phase.shrink,) if settings.shrink else ()),
        report_multiple_bugs=False, print_blob=False)
    @given(st.data())
    def example(data: Any) -> None:
        runs["count"] += 1
        chooser = Chooser(draw=draw_from(data), budget=settings.budget)
        error = run_example(make_coro, chooser, settings, locate)
        if error is None:
            return
        runs["first_failure"] = runs["first_failure"] or runs["count"]
        last.append(Failure(error, chooser, runs["first_failure"]))
        raise _ExampleFailed(error)

    # one database entry per test: the inner function is the same for all of them
    example.hypothesis.inner_test._hypothesis_internal_add_digest = nodeid.encode()  # type: ignore[attr-defined]
    try:
        example()
    except _ExampleFailed:
        pass
    except BaseException:
        if not last:  # Hypothesis' own error, not a failing schedule
            raise
    return Exploration(last[-1] if last else None, runs["count"])


class _ExampleFailed(Exception):
    """What Hypothesis sees of a failing example (the real error is kept aside: an
    exception that escaped the test must not look like Hypothesis' own)."""


def describe_error(error: BaseException, is_user: Callable[[Any], bool],
                   relpath: Callable[[str], str]) -> list[str]:
    """The error in a few lines: the user's frames it went through, its type and message."""
    if isinstance(error, ScheduleDeadlock):
        return str(error).splitlines()
    lines = []
    for frame, line in traceback.walk_tb(error.__traceback__):
        if is_user(frame):
            source = linecache.getline(frame.f_code.co_filename, line).strip()
            lines.append(f"{relpath(frame.f_code.co_filename)}:{line} in {frame.f_code.co_name}: {source}")
    return lines + "".join(traceback.format_exception_only(type(error), error)).rstrip().splitlines()

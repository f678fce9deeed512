"""The pool watcher: what goes wrong between a process pool and its workers, said plainly.

The two classic process-pool failures are made to say what happened, for every
``ProcessPoolExecutor`` and ``multiprocessing.Pool`` of the session (the
``process_pool`` fixture's and those the code under test makes itself):

- work that cannot be pickled is recorded as an ``unpicklable`` event naming the
  object and the reason, once per ``submit`` or per ``map`` call; the future
  still fails with the original error;
- a worker that dies (``os._exit``, a signal) turns the bare ``BrokenProcessPool``
  into one that names the worker's pid and exit code or signal. The name is added
  before the exception reaches any future (``Future.set_exception``), so the
  caller that wakes on it always reads it.
"""

from __future__ import annotations

import functools
import multiprocessing
import multiprocessing.connection
import multiprocessing.pool
import signal
import sys
import threading
import weakref
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import process as futures_process
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.reduction import ForkingPickler
from typing import Any, Callable

from ..events import Event
from ..sink import EventSink
from .frames import UserCode
from .patching import Patcher


def _describe_callable(fn: Any) -> str:
    return getattr(fn, "__qualname__", None) or type(fn).__name__


def _hint(exc: BaseException) -> str:
    text = str(exc)
    if "<lambda>" in text or "local object" in text:
        return "define the function at module level so the worker can import it"
    return "pass something picklable and create this object inside the worker"


def pickling_problem(fn: Any, args: tuple, kwargs: dict) -> tuple[str, BaseException] | None:
    """Which part of a work item cannot be pickled, and the error; None if it all can.

    Pickling is tried with the pickler the pool itself uses, first as a whole
    (the common case costs one ``dumps``), then part by part to name the culprit.
    """
    try:
        ForkingPickler.dumps((fn, args, kwargs))
        return None
    except Exception as whole:
        parts = [(f"the callable {_describe_callable(fn)}", fn)]
        parts += [(f"argument {i} ({type(arg).__name__})", arg) for i, arg in enumerate(args)]
        parts += [(f"keyword argument {key}= ({type(arg).__name__})", arg)
                  for key, arg in kwargs.items()]
        for label, part in parts:
            try:
                ForkingPickler.dumps(part)
            except Exception as exc:
                return label, exc
        return "the work item", whole


def _map_items(fn: Any, args: tuple) -> tuple[Any, list[tuple]] | None:
    """``ProcessPoolExecutor.map`` submits ``partial(_process_chunk, fn)`` with a chunk of
    argument tuples: the user's callable and items, or None for any other work."""
    if isinstance(fn, functools.partial) and fn.func is futures_process._process_chunk \
            and fn.args and len(args) == 1:
        return fn.args[0], list(args[0])
    return None


def _exit_description(exitcode: int | None) -> str:
    if exitcode is None:
        return "died"
    if exitcode < 0:
        try:
            return f"was killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"was killed by signal {-exitcode}"
    return f"exited with code {exitcode}"


def _dead_workers(processes: list) -> list[str]:
    # a dead worker's sentinel is ready, but it may not be reapable yet: wait for it
    dead = set(multiprocessing.connection.wait([p.sentinel for p in processes], timeout=0))
    found = []
    for process in processes:
        if process.sentinel in dead:
            process.join(1.0)
            found.append(f"worker pid {process.pid} {_exit_description(process.exitcode)}")
    return found


class PoolWatch:
    """Explains the failures of every process pool of the session.

    ``install`` wraps ``ProcessPoolExecutor.submit`` (which ``loop.run_in_executor`` goes
    through) and ``map``, the two funnels of ``multiprocessing.Pool``, and
    ``Future.set_exception`` (where a broken pool fails its futures).
    """

    def __init__(self, sink: EventSink, user_code: UserCode) -> None:
        self._sink = sink
        self._user_code = user_code
        self._patcher = Patcher()
        # pool -> "worker pid 123 was killed by SIGKILL"...; found once per breakage
        self._deaths: weakref.WeakKeyDictionary[ProcessPoolExecutor, list[str]] = \
            weakref.WeakKeyDictionary()
        self._workers: weakref.WeakKeyDictionary[ProcessPoolExecutor, dict] = weakref.WeakKeyDictionary()
        self._pool_of: weakref.WeakKeyDictionary[Future, weakref.ref] = weakref.WeakKeyDictionary()
        # per thread, inside ProcessPoolExecutor.map: the problems already recorded for it
        self._mapping = threading.local()

    def install(self) -> None:
        self._patcher.replace(ProcessPoolExecutor, "submit", self._wrap_submit)
        self._patcher.replace(ProcessPoolExecutor, "map", self._wrap_map)
        self._patcher.replace(Future, "set_exception", self._wrap_set_exception)
        # multiprocessing.Pool: apply, apply_async and every map and starmap go through these
        self._patcher.replace(multiprocessing.pool.Pool, "apply_async",
                              lambda original: self._wrap_pool(original, _apply_work))
        self._patcher.replace(multiprocessing.pool.Pool, "_map_async",
                              lambda original: self._wrap_pool(original, _map_work))

    def uninstall(self) -> None:
        self._patcher.undo()

    def _wrap_submit(self, original: Callable) -> Callable:
        @functools.wraps(original)
        def submit(pool: ProcessPoolExecutor, fn: Callable, /, *args: Any, **kwargs: Any) -> Future:
            self._check_submit(pool._mp_context.get_start_method(), fn, args, kwargs,
                               sys._getframe(1))
            try:
                future = original(pool, fn, *args, **kwargs)
            except BrokenProcessPool as exc:
                self._explain(pool, exc)
                raise
            # the manager thread forgets the workers of a broken pool: know them beforehand
            self._workers.setdefault(pool, {}).update(pool._processes or {})
            self._pool_of[future] = weakref.ref(pool)  # the pool holds its futures: no cycle
            return future
        return submit

    def _wrap_map(self, original: Callable) -> Callable:
        @functools.wraps(original)
        def map(pool: ProcessPoolExecutor, *args: Any, **kwargs: Any) -> Any:
            outer = getattr(self._mapping, "seen", None)
            self._mapping.seen = set() if outer is None else outer
            try:
                return original(pool, *args, **kwargs)
            finally:
                self._mapping.seen = outer
        return map

    def _wrap_set_exception(self, original: Callable) -> Callable:
        @functools.wraps(original)
        def set_exception(future: Future, exception: BaseException | None) -> None:
            if isinstance(exception, BrokenProcessPool):
                pool = self._pool_failing(future)
                if pool is not None:
                    self._explain(pool, exception)
            return original(future, exception)
        return set_exception

    def _pool_failing(self, future: Future) -> ProcessPoolExecutor | None:
        """The pool that fails ``future``: the one whose manager thread this is (the future
        may fail before ``submit`` has returned to say which pool it is from), or the one
        it was submitted to."""
        manager = getattr(threading.current_thread(), "executor_reference", None)
        pool = manager() if callable(manager) else None
        if pool is None:
            submitted = self._pool_of.get(future)
            pool = submitted() if submitted is not None else None
        return pool if isinstance(pool, ProcessPoolExecutor) else None

    def _wrap_pool(self, original: Callable, work: Callable[..., tuple]) -> Callable:
        @functools.wraps(original)
        def call(pool: multiprocessing.pool.Pool, *args: Any, **kwargs: Any) -> Any:
            if not isinstance(pool, multiprocessing.pool.ThreadPool):  # threads pickle nothing
                self._check(pool._ctx.get_start_method(), *work(*args, **kwargs), sys._getframe(1))
            return original(pool, *args, **kwargs)
        return call

    def _check_submit(self, method: str, fn: Any, args: tuple, kwargs: dict, frame: Any) -> None:
        """A ``map`` chunk is checked as the user's callable and items, and a problem
        recorded once for the whole ``map`` call (every chunk would repeat it)."""
        mapped = _map_items(fn, args)
        seen = getattr(self._mapping, "seen", None)
        if mapped is None or seen is None:
            self._check(method, fn, args, kwargs, frame)
            return
        fn, items = mapped
        for item in items or [()]:
            problem = pickling_problem(fn, tuple(item), {})
            if problem is not None:
                key = (problem[0], str(problem[1]))
                if key not in seen:
                    seen.add(key)
                    self._record(method, *problem, frame)
                return

    def _check(self, method: str, fn: Any, args: tuple, kwargs: dict, frame: Any) -> None:
        """Record an ``unpicklable`` event if this work cannot reach a worker process."""
        problem = pickling_problem(fn, args, kwargs)
        if problem is not None:
            self._record(method, *problem, frame)

    def _record(self, method: str, label: str, exc: BaseException, frame: Any) -> None:
        self._sink.record(Event(
            "unpicklable",
            f"{label} cannot be sent to a worker process (start method {method}): "
            f"{type(exc).__name__}: {exc}; {_hint(exc)}",
            location=self._user_code.location(frame), stack=self._user_code.stack(frame)))

    def _explain(self, pool: ProcessPoolExecutor, exc: BaseException) -> None:
        """Name the dead workers in ``exc`` (one exception shared by every future it failed)."""
        deaths = self._deaths.get(pool)
        if deaths is None:
            known = {**self._workers.get(pool, {}), **(pool._processes or {})}
            deaths = self._deaths[pool] = _dead_workers(list(known.values()))
        details = "; ".join(deaths)
        if details and details not in str(exc):
            exc.args = (f"{exc.args[0] if exc.args else exc} ({details})", *exc.args[1:])


def _apply_work(func: Any, args: Any = (), kwds: Any = None, *_: Any, **__: Any) -> tuple:
    """The work in ``Pool.apply_async``'s arguments."""
    return func, tuple(args), dict(kwds or {})


def _map_work(func: Any, *_: Any, **__: Any) -> tuple:
    """The work in ``Pool._map_async``'s arguments: the function (the items are not read,
    they may be a one-shot iterator)."""
    return func, (), {}

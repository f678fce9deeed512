"""Thread-pool jobs as explored workers.

While a test is explored, ``ThreadPoolExecutor.submit`` called by a participant (the
loop's thread, or a worker) does not hand the job to the pool's threads: the scheduler
runs it on a worker of its own, within the pool's ``max_workers`` and in submission
order. ``loop.run_in_executor`` and ``asyncio.to_thread`` go through ``submit``, on the
loop's default executor or the one given. ``shutdown(wait=True)`` waits for the
explored jobs. Process pools are not touched: other processes are not explored.
"""

from __future__ import annotations

import concurrent.futures
import contextvars
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from .primitives import participant
from .scheduler import _Abort


def job_name(fn: Callable) -> str:
    """The user's function behind ``to_thread``'s ``partial(context.run, func)``."""
    while isinstance(fn, functools.partial):
        inner = fn.func
        if getattr(inner, "__self__", None).__class__ is contextvars.Context and fn.args:
            fn = fn.args[0]
        else:
            fn = inner
    name = getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None) or repr(fn)
    return name.rpartition("<locals>.")[2]


class Job:
    """One submitted call; runs like ``concurrent.futures.thread._WorkItem``."""

    def __init__(self, fn: Callable, args: tuple, kwargs: dict) -> None:
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.future: concurrent.futures.Future = concurrent.futures.Future()
        self.name = job_name(fn)

    def run(self) -> None:
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            result = self.fn(*self.args, **self.kwargs)
        except _Abort:
            raise
        except BaseException as exc:
            self.future.set_exception(exc)
        else:
            self.future.set_result(result)


def _submit(original: Callable) -> Callable:
    @functools.wraps(original)
    def submit(executor: Any, fn: Callable, /, *args: Any, **kwargs: Any) -> Any:
        scheduler, who = participant()
        if who is None:
            return original(executor, fn, *args, **kwargs)
        if getattr(executor, "_shutdown", False) or getattr(executor, "_broken", False):
            raise RuntimeError("cannot schedule new futures after shutdown")
        job = Job(fn, args, kwargs)
        scheduler.spawn(executor, job)
        return job.future
    return submit


def _shutdown(original: Callable) -> Callable:
    @functools.wraps(original)
    def shutdown(executor: Any, wait: bool = True, *, cancel_futures: bool = False) -> None:
        scheduler, who = participant()
        pool = scheduler.pools.get(executor) if who is not None else None
        if pool is not None:
            executor._shutdown = True
            if cancel_futures:
                for worker in list(pool.queued):
                    worker.job.future.cancel()
            if wait:
                scheduler.wait_for_pool(who, pool)
        return original(executor, wait=wait, cancel_futures=cancel_futures)
    return shutdown


@contextmanager
def explored_thread_pools() -> Iterator[None]:
    cls = concurrent.futures.ThreadPoolExecutor
    saved = cls.__dict__["submit"], cls.__dict__["shutdown"]
    cls.submit, cls.shutdown = _submit(saved[0]), _shutdown(saved[1])
    try:
        yield
    finally:
        cls.submit, cls.shutdown = saved

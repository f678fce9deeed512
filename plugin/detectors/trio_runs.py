"""trio: every run watched for lag and blocking calls, as asyncio's loops are (and for
leaked tasks, by the leak detector's instrument: ``trio_tasks``).

trio has no loop object and no running-loop funnel. Every run is made by
``trio._core._run.setup_runner`` -- ``trio.run`` and ``trio.lowlevel.start_guest_run``
call it, and pytest-trio and anyio's trio backend call those -- which is wrapped
(once trio has been imported: ``refresh``) to add an instrument to every run,
however ``trio.run`` was imported.

The instrument (``TrioRun``, trio's ``Instrument`` interface, duck-typed so that
nothing imports trio) stands where an asyncio loop would: it times every task
step exactly (``before_task_step``/``after_task_step``), hands the lag watchdog a
watch for the run's thread so that a stall gets stack samples, and, while the run
is active, tells the blocking-call interceptor that this thread's "loop" is
running (``runs``: thread ident -> run).
"""

from __future__ import annotations

import functools
import sys
import threading
from time import perf_counter
from typing import Any, Callable

from loopsafe.plugin.detectors.lag import LagWatchdog
from loopsafe.plugin.detectors.patching import Patcher


class TrioRun:
    """One trio run, as the detectors see it: an instrument, and the run's "loop"."""

    def __init__(self, watchdog: LagWatchdog, runs: dict[int, "TrioRun"]) -> None:
        self._watchdog = watchdog
        self._runs = runs
        self._ident: int | None = None
        self._watch: Any = None

    def is_running(self) -> bool:
        return self._ident is not None

    def __repr__(self) -> str:
        return f"<trio run on thread {self._ident}>"

    # trio's Instrument hooks, called on the run's thread

    def before_run(self) -> None:
        self._ident = threading.get_ident()
        self._watch = self._watchdog.external(self, self._ident)
        self._runs[self._ident] = self

    def after_run(self) -> None:
        self._runs.pop(self._ident, None)
        self._watchdog.loop_stopped(self, threading.current_thread())
        self._ident = None

    def before_task_step(self, task: Any) -> None:
        self._watch.stepping = task  # a stall unsampled still has its task to name
        self._watch.since = perf_counter()

    def after_task_step(self, task: Any) -> None:
        watch = self._watch
        now = perf_counter()
        since = watch.since
        if since is not None and now - since >= watch.limit:
            self._watchdog.stall_ended(watch, now)
        watch.since = None


class TrioRuns:
    """Adds a ``TrioRun`` to every trio run, once trio is imported."""

    def __init__(self, watchdog: LagWatchdog) -> None:
        self._watchdog = watchdog
        self.runs: dict[int, TrioRun] = {}  # thread ident -> the trio run active there
        # more instruments for every run, each made by its factory (the leak detector's)
        self.instruments: list[Callable[[], Any]] = []
        self._patcher = Patcher()

    def refresh(self) -> None:
        """Hook trio's run set-up if trio has been imported since (nothing is imported here)."""
        run_module = sys.modules.get("trio._core._run")
        if self._patcher or run_module is None or not hasattr(run_module, "setup_runner"):
            return
        self._patcher.replace(run_module, "setup_runner", self._wrap_setup_runner)

    def uninstall(self) -> None:
        self._patcher.undo()

    def _wrap_setup_runner(self, original: Any) -> Any:
        @functools.wraps(original)
        def setup_runner(clock, instruments, *args, **kwargs):
            instruments = [*instruments, TrioRun(self._watchdog, self.runs),
                           *(make() for make in self.instruments)]
            return original(clock, instruments, *args, **kwargs)
        return setup_runner

"""The plugin's state for one pytest session, and its lifetime.

Everything the hooks and fixtures share is made here once, from the session's
options, and kept on ``config.stash`` (as pytest's own faulthandler and
threadexception plugins keep theirs); ``config.add_cleanup`` undoes it at the
very end, whatever happened before. There is one ``UserCode`` (the rootdir and
the allow-list) for every detector, and one ``EventSink`` that every detector and
fixture records into.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable

import pytest

from .detectors.blocking import BlockingDetector
from .detectors.frames import UserCode
from .detectors.leaks import LeakDetector
from .detectors.loops import LoopRegistry
from .detectors.patching import Patcher
from .detectors.pools import PoolWatch
from .events import Location
from .options import SessionOptions, Settings
from .report import write_report
from .sink import EventSink
from .spool import LostWorker, Spool, read_spools

SPOOL_KEY = "loopsafe_spool"  # in a pytest-xdist worker's ``workerinput``: the spool folder


class Session:
    """The session's detectors, event sink and settings."""

    def __init__(self, config: pytest.Config, options: SessionOptions) -> None:
        self.config = config
        self.options = options
        self.settings: Settings = options.defaults  # the running test's
        self.failed = False  # a phase of the running test failed
        self.user_code = UserCode(config.rootpath, options.allow)
        self.registry = LoopRegistry(self.user_code)
        workerinput = getattr(config, "workerinput", None)
        self.worker: str | None = workerinput["workerid"] if workerinput else None
        spool_dir = (workerinput or {}).get(SPOOL_KEY)
        self.sink = EventSink(Spool(Path(spool_dir), self.worker) if spool_dir else None)
        self.detector = BlockingDetector(self.registry, self.sink,
                                         threshold=options.defaults.threshold)
        self.leaks = LeakDetector(self.registry, self.sink)
        self.detector.trio.instruments.append(self.leaks.trio_instrument)
        self.pools = PoolWatch(self.sink, self.user_code)
        self.lost: list[LostWorker] = []  # workers (or this process) that died mid-session
        self.crashed: set[str] = set()  # the ids of the workers pytest-xdist saw crash
        self._spool_dir: Path | None = None  # the controller's, once it has workers
        self._exit_guard = Patcher()
        self._pid = os.getpid()
        self._running = False

    # -- lifetime ----------------------------------------------------------------

    def start(self) -> None:
        self.registry.install()
        self.leaks.install()
        self.pools.install()
        self.detector.start()
        if self.options.report is not None and self.worker is None:
            self._exit_guard.replace(os, "_exit", self._write_before_exit)
        self._running = True

    def stop(self) -> None:
        """Undo every patch and stop the watchdog (``config.add_cleanup``)."""
        if not self._running:
            return
        self._running = False
        self._exit_guard.undo()
        self.detector.stop()
        self.pools.uninstall()
        self.leaks.uninstall()
        self.registry.uninstall()
        self.sink.close()
        if self._spool_dir is not None:
            shutil.rmtree(self._spool_dir, ignore_errors=True)

    # -- per test ------------------------------------------------------------------

    def begin(self, nodeid: str, settings: Settings, location: Location | None = None) -> None:
        """Before a test's setup (again for each rerun of it); ``location``: where the
        test is defined."""
        if self.sink.test:
            self.end()  # the last run never reached its teardown
        self.settings, self.failed = settings, False
        self.sink.begin(nodeid, settings)
        self.detector.begin(nodeid, threshold=settings.threshold,
                            enabled=settings.blocking != "off", location=location)
        if settings.leaks != "off":
            self.leaks.begin()

    def end(self) -> None:
        """After a test's teardown (or its interruption): the detectors record what is left."""
        if not self.sink.test:
            return
        try:
            self.detector.end()
            self.leaks.end()
        finally:
            self.sink.finish()

    # -- the session's events ------------------------------------------------------

    def spool_dir(self) -> Path:
        """The folder the workers spool into (made when the first worker is configured)."""
        if self._spool_dir is None:
            self._spool_dir = Path(tempfile.mkdtemp(prefix="loopsafe-spool-"))
        return self._spool_dir

    def collect(self) -> None:
        """On the controller, at the end: every worker's spooled events, and the workers
        that crashed (a spool also ends unfinished when ``-x`` stops its worker)."""
        if self._spool_dir is None:
            return
        events, lost = read_spools(self._spool_dir)
        self.sink.events.extend(events)
        self.lost.extend(worker for worker in lost if worker.worker in self.crashed)

    def write_report(self) -> None:
        if self.options.report is not None:
            write_report(self.options.report, list(self.sink.events), self.lost)

    def _write_before_exit(self, original: Callable[[int], Any]) -> Callable[[int], Any]:
        """``os._exit`` from this process (pytest-timeout's thread method) skips every
        hook: write the report of what was found so far first."""
        @functools.wraps(original)
        def _exit(status: int) -> Any:
            if os.getpid() == self._pid and self._running:
                self._running = False
                self.lost.append(LostWorker("main", self._pid, self.sink.test))
                try:
                    self.write_report()
                except OSError:
                    pass  # exiting anyway; the message would have no reader
            return original(status)
        return _exit


STATE = pytest.StashKey[Session]()


def state(config: pytest.Config) -> Session:
    """The running session's plugin state (for the hooks and fixtures)."""
    return config.stash[STATE]


def start(config: pytest.Config, options: SessionOptions) -> Session:
    session = config.stash[STATE] = Session(config, options)
    config.add_cleanup(session.stop)
    return session

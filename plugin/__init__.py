"""loopsafe's pytest plugin (the ``pytest11`` entry point ``loopsafe``).

The hooks here are thin: options and the marker are parsed by ``options``,
events are collected and reported by ``report``, leaks are found by
``detectors.leaks`` and blocked loops by ``detectors.blocking``. The session's
state lives in one ``Loopsafe`` object on ``config.stash`` (no globals), which
is registered as a plugin so its hooks see that state.

A test runs through ``Loopsafe.pytest_runtest_protocol``: its reports are held
back until teardown is over, because leaks are only known then; the events of
the test then decide its outcome before the reports are logged, so a leak or a
blocked loop fails the test itself rather than adding a teardown error.
"""

from __future__ import annotations

import importlib
from typing import Iterator

import pytest
from _pytest.runner import runtestprotocol

from .options import MARKER_HELP, SessionOptions, Settings, add_options, session_options, settings_for
from .report import WORKER_KEY, EventLog, apply_outcome, check_writable, write_report, write_summary

pytest_plugins = ["loopsafe.plugin.explore.hooks"]  # @pytest.mark.loopsafe_explore
_FIXTURE_MODULES = ("thread_loop", "process_pool", "thread_pool", "blocking_detector")


class Loopsafe:
    """The session's plugin state: settings, loop registry, detectors, events."""

    def __init__(self, config: pytest.Config, options: SessionOptions) -> None:
        from .detectors.blocking import BlockingDetector
        from .detectors.leaks import LeakDetector
        from .detectors.loops import LoopRegistry
        from .fixtures.process_pool import PoolWatch

        self.config = config
        self.options = options
        self.registry = LoopRegistry(config.rootpath)
        self.detector = BlockingDetector(self.registry, threshold=options.defaults.threshold,
                                         allow=options.allow)
        self.leaks = LeakDetector(self.registry, self.registry.user_code.with_allow(options.allow))
        self.log = EventLog()
        self.pools = PoolWatch(self.log, self.leaks.user_code)
        self.settings = options.defaults  # the running test's

    # -- session ---------------------------------------------------------------

    def pytest_sessionstart(self) -> None:
        self.registry.install()
        self.leaks.install()
        self.pools.install()
        self.detector.start()

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        self.detector.stop()
        self.pools.uninstall()
        self.leaks.uninstall()
        self.registry.uninstall()
        if hasattr(self.config, "workeroutput"):  # a pytest-xdist worker: the controller reports
            self.config.workeroutput[WORKER_KEY] = self.log.worker_output()
        elif self.options.report is not None:
            try:
                write_report(self.options.report, self.log.events)
            except OSError as exc:
                session.exitstatus = pytest.ExitCode.INTERNAL_ERROR
                self.config.get_terminal_writer().line(str(exc), red=True)

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node, error) -> None:  # pytest-xdist, on the controller
        self.log.merge_worker_output(getattr(node, "workeroutput", {}).get(WORKER_KEY, []))

    def pytest_terminal_summary(self, terminalreporter) -> None:
        write_summary(terminalreporter, self.log.events, self.options.report)

    # -- per test ----------------------------------------------------------------

    @pytest.hookimpl(hookwrapper=True)
    def pytest_fixture_setup(self, fixturedef) -> Iterator[None]:
        """What a fixture wider than one test makes is not the test's leak."""
        if fixturedef.scope == "function":
            yield
            return
        with self.leaks.wider_scope():
            yield

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        """Run a test that uses ``process_pool`` (or ``loopsafe_start_method``) once per
        start method."""
        from .fixtures.process_pool import parametrize_start_methods

        try:
            methods = settings_for(metafunc.definition, self.options.defaults).start_methods
        except pytest.fail.Exception:
            methods = self.options.defaults.start_methods  # the test errors at setup
        parametrize_start_methods(metafunc, methods)

    def pytest_runtest_protocol(self, item: pytest.Item, nextitem: pytest.Item | None) -> bool:
        self.settings = settings = self._settings(item)
        item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
        self.detector.begin(item.nodeid, threshold=settings.threshold,
                            enabled=settings.blocking != "off")
        if settings.leaks != "off":
            self.leaks.begin()
        try:
            reports = runtestprotocol(item, log=False, nextitem=nextitem)
        finally:
            found = self.detector.end()
            if settings.leaks != "off":
                found += self.leaks.end()
        events = self.log.finish(item.nodeid, found, settings)
        apply_outcome(reports, events, settings)
        for report in reports:
            item.ihook.pytest_runtest_logreport(report=report)
        item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
        return True

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        """A bad marker is this test's error (raised here, at setup), not the module's."""
        settings_for(item, self.options.defaults)

    def _settings(self, item: pytest.Item) -> Settings:
        try:
            return settings_for(item, self.options.defaults)
        except pytest.fail.Exception:
            return self.options.defaults  # pytest_runtest_setup reports the error


STATE = pytest.StashKey[Loopsafe]()


def state(config: pytest.Config) -> Loopsafe:
    """The running session's plugin state (for the fixtures)."""
    return config.stash[STATE]


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER_HELP)
    options = session_options(config)
    check_writable(options.report)
    plugin = config.stash[STATE] = Loopsafe(config, options)
    config.pluginmanager.register(plugin, "loopsafe-session")
    for name in _FIXTURE_MODULES:
        config.pluginmanager.register(importlib.import_module(f"{__name__}.fixtures.{name}"),
                                      f"loopsafe-{name}")

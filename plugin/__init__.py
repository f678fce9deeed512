"""loopsafe's pytest plugin (the ``pytest11`` entry point ``loopsafe``).

The hooks here are thin: options and the marker are parsed by ``options``, the
session's state (detectors, event sink) lives in ``session`` on ``config.stash``,
and what events do to a test is decided by ``report``.

The plugin never runs a test itself, so other plugins that do (pytest-rerunfailures,
pytest-xdist, pytest-timeout) work unchanged: each run of a test begins at its
setup, and each phase's report is judged by the events found by the end of that
phase (``pytest_runtest_makereport``). A blocked loop in the test fails the test;
what is only known once teardown is over (a leak) is an error at the test's teardown.
"""

from __future__ import annotations

import importlib
from typing import Any, Iterator

import pytest

from .events import Location
from .options import MARKER_HELP, Settings, add_options, session_options, settings_for
from .report import check_writable, judge, write_summary
from .session import SPOOL_KEY, Session, start, state

pytest_plugins = ["loopsafe.plugin.explore.hooks"]  # @pytest.mark.loopsafe_explore
_FIXTURE_MODULES = ("thread_loop", "process_pool", "thread_pool", "blocking_detector")

__all__ = ["Session", "state"]


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER_HELP)
    options = session_options(config)
    check_writable(options.report)
    start(config, options)
    for name in _FIXTURE_MODULES:
        config.pluginmanager.register(importlib.import_module(f"{__name__}.fixtures.{name}"),
                                      f"loopsafe-{name}")


def pytest_sessionstart(session: pytest.Session) -> None:
    state(session.config).start()


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    plugin = state(session.config)
    plugin.end()  # a test interrupted before its teardown keeps its events
    plugin.sink.close()  # a worker's spool is complete (xdist may end the process at once)
    plugin.collect()
    try:
        plugin.write_report()
    except OSError as exc:
        session.exitstatus = pytest.ExitCode.INTERNAL_ERROR
        session.config.get_terminal_writer().line(str(exc), red=True)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:  # pytest-xdist, on the controller
    node.workerinput[SPOOL_KEY] = str(state(node.config).spool_dir())


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:  # pytest-xdist, on the controller
    """A worker that went down with an error crashed (one stopped by ``-x`` did not)."""
    if error is not None:
        state(node.config).crashed.add(node.workerinput["workerid"])


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    plugin = state(config)
    write_summary(terminalreporter, plugin.sink.events, plugin.options.report, plugin.lost)


# -- per test ----------------------------------------------------------------------


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef: pytest.FixtureDef, request: pytest.FixtureRequest
                         ) -> Iterator[None]:
    """What a fixture wider than one test makes is not the test's leak."""
    if fixturedef.scope == "function":
        yield
        return
    with state(request.config).leaks.wider_scope():
        yield


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run a test that uses ``process_pool`` (or ``loopsafe_start_method``) once per
    start method."""
    from .fixtures.process_pool import parametrize_start_methods

    defaults = state(metafunc.config).options.defaults
    try:
        methods = settings_for(metafunc.definition, defaults).start_methods
    except pytest.fail.Exception:
        methods = defaults.start_methods  # the test errors at setup
    parametrize_start_methods(metafunc, methods)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Each run of a test (a rerun too) begins here, before any of its fixtures. A bad
    marker is this test's error (raised here, at setup), not the module's."""
    plugin = state(item.config)
    plugin.begin(item.nodeid, _settings(item, plugin.options.defaults), _location(item))
    settings_for(item, plugin.options.defaults)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """Judge each phase's report by the events found by its end (a teardown's: the leaks,
    found once it is over)."""
    outcome = yield
    report = outcome.get_result()
    plugin = state(item.config)
    if plugin.sink.test != item.nodeid:
        return
    if call.when == "teardown":
        plugin.detector.end()
        plugin.leaks.end()
    else:
        plugin.detector.flush()
    judge(report, plugin.sink.undecided(), plugin.settings, earlier_failure=plugin.failed)
    plugin.failed = plugin.failed or report.failed
    if call.when == "teardown":
        plugin.end()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[None]:
    """A test interrupted (KeyboardInterrupt, ``pytest.exit``) before its teardown keeps
    its events: they are recorded already; the detectors are stopped here."""
    try:
        yield
    finally:
        state(item.config).end()


def _location(item: pytest.Item) -> Location:
    """Where the test is defined (``item.location``'s line is 0-based)."""
    path, line, _ = item.location
    return Location(path, (line or 0) + 1, getattr(item, "originalname", item.name))


def _settings(item: pytest.Item, defaults: Settings) -> Settings:
    try:
        return settings_for(item, defaults)
    except pytest.fail.Exception:
        return defaults  # pytest_runtest_setup reports the error

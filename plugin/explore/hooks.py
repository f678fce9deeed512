"""pytest hooks of ``@pytest.mark.loopsafe_explore`` (loaded with the loopsafe plugin).

The marked test's call is replaced, for the duration of the call, by the explorer:
pytest-asyncio's and anyio's runners then find nothing to run (the explorer owns the
loop of a marked test), while their fixtures are set up as usual. Test modules that
use the marker make their locks explorable when imported (module-level locks), and so
do the fixtures of a marked test. Only
this module is imported at start-up; the explorer itself (and Hypothesis) when a
marked test runs.
"""

from __future__ import annotations

import argparse
import inspect
from collections.abc import Iterator
from typing import Any

import pytest

MARKER = "loopsafe_explore"
MARKER_HELP = (
    f"{MARKER}(max_examples=200, replay=None, stall_timeout=2.0): run an async test many "
    "times on an exploring event loop that chooses when worker threads run and finish, "
    "when call_soon_threadsafe lands and whether a timer fires first (virtual time)"
)
_KEYWORDS = ("max_examples", "replay", "stall_timeout")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("loopsafe")
    group.addoption("--loopsafe-explore-replay", dest="loopsafe_explore_replay", default=None,
                    metavar="SCHEDULE",
                    help="replay this schedule (printed by a failing loopsafe_explore test) "
                         "instead of exploring")
    group.addoption("--loopsafe-explore-max-examples", dest="loopsafe_explore_max_examples",
                    default=None, metavar="N", type=_positive_int,
                    help="schedules to try per loopsafe_explore test unless its marker says "
                         "(default: 200)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER_HELP)


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[None]:
    """Import a test module that uses the marker with explorable lock factories, so its
    module-level locks (and those of modules it imports first) can be scheduled."""
    path = getattr(collector, "path", None)
    if not isinstance(collector, pytest.Module) or path is None or not _mentions_marker(path):
        yield
        return
    from .primitives import explorable_locks

    with explorable_locks():
        yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    """The locks a marked test's fixtures make can be scheduled too."""
    if item.get_closest_marker(MARKER) is None:
        yield
        return
    from .primitives import explorable_locks

    with explorable_locks():
        yield


def _mentions_marker(path: Any) -> bool:
    try:
        return MARKER in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


@pytest.hookimpl(hookwrapper=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> Iterator[None]:
    marker = pyfuncitem.get_closest_marker(MARKER)
    if marker is None:
        yield
        return
    original = pyfuncitem.obj
    pyfuncitem.obj = _explored_call(pyfuncitem, original)
    try:
        yield
    finally:
        pyfuncitem.obj = original


def _positive_int(text: str) -> int:
    """The option's value (argparse reports a bad one at start-up)."""
    value = int(text) if text.strip().isdigit() else 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive integer")
    return value


def _positive(marker: pytest.Mark, key: str, default: Any, integer: bool) -> Any:
    value = marker.kwargs.get(key, default)
    kinds = int if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds) or not value > 0:
        raise ValueError(f"{key}=...): {value!r} is not a positive {'integer' if integer else 'number'}")
    return value


def _settings(item: pytest.Function) -> tuple[Any, str | None]:
    """The marker's (or the options') settings, and the schedule to replay if any; a bad
    marker fails the test with a message naming the keyword."""
    from .runner import ExploreSettings

    marker = item.get_closest_marker(MARKER)
    unknown = [key for key in marker.kwargs if key not in _KEYWORDS]
    try:
        if marker.args:
            raise ValueError(f"keyword arguments only, got {marker.args!r}")
        if unknown:
            raise ValueError(f"unknown keyword {unknown[0]!r}; expected {', '.join(_KEYWORDS)}")
        default = item.config.getoption("loopsafe_explore_max_examples") or 200
        max_examples = _positive(marker, "max_examples", default, integer=True)
        stall = _positive(marker, "stall_timeout", 2.0, integer=False)
    except ValueError as exc:
        pytest.fail(f"{item.nodeid}: @pytest.mark.{MARKER}({exc}", pytrace=False)
    replay = item.config.getoption("loopsafe_explore_replay") or marker.kwargs.get("replay")
    return ExploreSettings(max_examples=max_examples, stall_timeout=float(stall)), replay


def _coroutine_function(item: pytest.Function, obj: Any) -> Any:
    """The test's own ``async def`` (pytest-asyncio wraps it in a synchronous runner)."""
    function = inspect.unwrap(obj, stop=inspect.iscoroutinefunction)
    if not inspect.iscoroutinefunction(function):
        pytest.fail(f"{item.nodeid}: @pytest.mark.{MARKER} explores an event loop: "
                    "the test must be an `async def`", pytrace=False)
    return function


def _anyio_backend(item: pytest.Function) -> str | None:
    backend = item.funcargs.get("anyio_backend")
    if backend is None:
        return None
    return backend if isinstance(backend, str) else backend[0]


def _explored_call(item: pytest.Function, obj: Any) -> Any:
    def explored(**kwargs: Any) -> None:
        backend = _anyio_backend(item)
        if backend not in (None, "asyncio"):
            pytest.skip(f"@pytest.mark.{MARKER} explores asyncio's loop; the anyio backend "
                        f"{backend!r} is not explored")
        function = _coroutine_function(item, obj)
        settings, replay = _settings(item)
        from .failure import run_explored

        run_explored(item, lambda: function(**kwargs), settings, replay)
    return explored

"""Shared set-up of the plugin's tests: inner pytest sessions through ``pytester``."""

from __future__ import annotations

import pytest

# The inner sessions' own settings: pytest-asyncio asks for an explicit loop scope.
INNER_INI = """
[pytest]
asyncio_default_fixture_loop_scope = function
"""

# Plugins the inner sessions do not need; hypothesis's would re-import (and assert-rewrite)
# all of hypothesis in every in-process run, a second each.
QUIET = ("-p", "no:cacheprovider", "-p", "no:hypothesispytest", "-p", "no:benchmark",
         "-p", "no:rerunfailures", "-p", "no:randomly")


@pytest.fixture
def inner(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch):
    """``inner(source, *args, subprocess=False)``: write ``source`` as the inner test module
    and run pytest on it. In-process by default (fast); ``subprocess=True`` where the inner
    session must own the process (process pools, pytest-xdist)."""
    pytester.makeini(INNER_INI)
    monkeypatch.setenv("COLUMNS", "300")  # summary lines unabridged

    def run(source: str, *args: str, subprocess: bool = False, name: str = "test_inner"):
        pytester.makepyfile(**{name: source})
        runner = pytester.runpytest_subprocess if subprocess else pytester.runpytest
        return runner(*QUIET, *args)

    return run

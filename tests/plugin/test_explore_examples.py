"""The boundary-bug examples under ``@pytest.mark.loopsafe_explore``: each broken form
(which passes on a stock loop) fails with its own failure and a replay line, the deadlock
as a report; each fixed form passes every explored schedule.

The examples run in one inner pytest session (a subprocess, under pytest-timeout, in a
folder holding a copy of examples/ so that the report's locations are the user's).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NAMES = ("e1_sleep_sync", "e2_retry_timeout", "e3_lock_across_await", "e4_submission_order")

# What each broken example's failure says (a regex over its report).
BROKEN_FAILURES = {
    "e1_sleep_sync": r"AssertionError: read the cache before it was warm",
    "e2_retry_timeout": r"charged 2 times|payment of order 42 failed",
    "e3_lock_across_await": (r"deadlock: no task, worker or timer can make progress\n\s*"
                             r"Task-1 holds `threading.Lock` \(examples/broken/explore/e3_lock_across_await.py:31\) "
                             r"across `await`; worker 1 `MetricsBuffer.flush\(\)` waits for it at "
                             r"examples/broken/explore/e3_lock_across_await.py:21"),
    "e4_submission_order": r"AssertionError: prices on the wrong symbols",
}

SCENARIOS = """
import importlib
import pytest

@pytest.mark.parametrize("name", {names!r})
@pytest.mark.parametrize("kind", ["broken", "good"])
@pytest.mark.loopsafe_explore
async def test_example(kind, name):
    await importlib.import_module(f"examples.{{kind}}.explore.{{name}}").main()
"""


@pytest.fixture
def outcome(inner, pytester) -> str:
    for kind in ("broken", "good"):
        shutil.copytree(REPO / "examples" / kind / "explore", pytester.path / "examples" / kind / "explore")
        shutil.copy(REPO / "examples" / kind / "__init__.py", pytester.path / "examples" / kind)
    shutil.copy(REPO / "examples" / "__init__.py", pytester.path / "examples")
    result = inner(SCENARIOS.format(names=list(NAMES)), "test_inner.py", "-p", "timeout",
                   "--timeout=240", "-p", "no:randomly", subprocess=True)
    result.assert_outcomes(passed=len(NAMES), failed=len(NAMES))
    return result.stdout.str()


def _section(output: str, kind: str, name: str) -> str:
    header = re.search(rf"_+ test_example\[{kind}-{name}\] _+\n", output)
    assert header, f"no failure report for {kind}/{name}"
    rest = output[header.end():]
    end = re.search(r"\n_{3,} test_example|\n=+ ", rest)
    return rest[:end.start()] if end else rest


def test_broken_examples_fail_with_a_replay_line_and_fixed_twins_pass(outcome: str) -> None:
    for name in NAMES:
        section = _section(outcome, "broken", name)
        assert re.search(BROKEN_FAILURES[name], section), section
        assert re.search(rf"pytest 'test_inner.py::test_example\[broken-{name}\]' "
                         r"--loopsafe-explore-replay=s:[0-9.*]+", section), section
        assert f"test_example[good-{name}]" not in outcome.split("short test summary info")[-1]

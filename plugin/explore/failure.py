"""What a failing exploration tells the user: the shrunk schedule step by step, the
error, the line that replays it; and the ``schedule-failure`` event of the runtime
report."""

from __future__ import annotations

import shlex
from collections.abc import Callable, Coroutine
from typing import Any

import pytest

from .primitives import user_modules
from .runner import ExploreSettings, Failure, describe_error, explore
from .schedule import ReplayError, decode

MAX_STEPS_SHOWN = 80


def _steps(failure: Failure) -> list[str]:
    """Every decision up to the last one that left the canonical order (numbered as in
    the replay string); the canonical decisions after it are left out."""
    chooser = failure.chooser
    last = max((i for i, index in enumerate(chooser.choices) if index), default=-1)
    shown = [f"{number:4d}. {'*' if chooser.choices[number - 1] else ' '} {step}"
             for number, step in enumerate(chooser.steps[:last + 1], start=1)]
    if len(shown) > MAX_STEPS_SHOWN:
        half = MAX_STEPS_SHOWN // 2
        shown = shown[:half] + [f"      ... {len(shown) - 2 * half} more ..."] + shown[-half:]
    return shown


def failure_text(item: pytest.Item, failure: Failure, settings: ExploreSettings,
                 replayed: bool, error_lines: list[str]) -> str:
    chooser = failure.chooser
    replay = chooser.replay_string()
    departures = sum(1 for index in chooser.choices if index)
    if replayed:
        head = f"fails on the replayed schedule {replay}"
    else:
        head = (f"fails on a schedule found by example {failure.example} of "
                f"{settings.max_examples} (shrunk: {departures} departure(s) from the "
                f"canonical order in {len(chooser.choices)} decision(s))")
    lines = [f"loopsafe_explore: {item.name} {head}"]
    if chooser.diverged:
        lines.append(f"the replay no longer fits: {chooser.diverged}")
    steps = _steps(failure)
    if steps:
        lines.append("schedule (* = departs from the canonical order: the loop's next "
                     "callback, else the oldest worker, else the clock):")
        lines.extend(steps)
    else:
        lines.append("schedule: the canonical order (no departure needed)")
    lines.append("failure:")
    lines.extend(f"  {line}" for line in error_lines)
    lines.append("replay exactly:")
    lines.append(f"  pytest {shlex.quote(item.nodeid)} --loopsafe-explore-replay={replay}")
    lines.append(f"  (or @pytest.mark.loopsafe_explore(replay={replay!r}))")
    return "\n".join(lines)


def _record_event(item: pytest.Item, message: str, steps: list[str]) -> None:
    from loopsafe.plugin.events import Event, Location
    from loopsafe.plugin.session import STATE

    state = item.config.stash.get(STATE, None)
    if state is None:  # the rest of the plugin is disabled
        return
    path, line, _ = item.location
    state.sink.record(Event(kind="schedule-failure", message=message,
                           location=Location(path=path, line=(line or 0) + 1, function=item.name),
                           stack=steps))


def _locators(item: pytest.Item) -> tuple[Any, Callable[[Any], str]]:
    from loopsafe.plugin.detectors.frames import UserCode

    user_code = UserCode(item.config.rootpath)

    def locate(frame: Any) -> str:
        found = user_code.user_frame(frame)
        if found is None:
            return ""
        return f"{user_code.relpath(found.f_code.co_filename)}:{found.f_lineno}"
    return user_code, locate


def run_explored(item: pytest.Item, make_coro: Callable[[], Coroutine],
                 settings: ExploreSettings, replay_text: str | None) -> None:
    """Explore the test (or replay a schedule); fail it with the report if a schedule fails."""
    try:
        replay = decode(replay_text) if replay_text else None
    except ReplayError as exc:
        pytest.fail(f"{item.nodeid}: {exc}", pytrace=False)
    user_code, locate = _locators(item)
    modules = user_modules(str(item.config.rootpath))
    failure = explore(make_coro, item.nodeid, settings, locate, replay, modules).failure
    if failure is None:
        return
    error_lines = describe_error(failure.error, user_code.is_user, user_code.relpath)
    text = failure_text(item, failure, settings, replay is not None, error_lines)
    message = str(failure.error).strip().splitlines()
    summary = f"{type(failure.error).__name__}: {message[0]}" if message else type(failure.error).__name__
    _record_event(item, f"{summary} (replay: --loopsafe-explore-replay="
                        f"{failure.chooser.replay_string()})", _steps(failure))
    pytest.fail(text, pytrace=False)

"""A schedule: the explorer's decisions, as Hypothesis draws them, as a replay string
reads them, and as a person reads them.

A decision picks one of the legal options at a point where there is more than one
(option 0 is always the canonical one: the loop's next callback, the oldest worker,
the clock last), so a schedule is a list of option indices. Shrinking drives indices
towards 0, which makes the shrunk schedule the smallest departure from the canonical
run. The replay string is that list with its trailing zeros dropped, dot-separated,
a run of zeros written ``0*N``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

REPLAY_PREFIX = "s:"


class ReplayError(ValueError):
    pass


def encode(choices: list[int]) -> str:
    """``[0, 0, 0, 1, 0]`` -> ``"s:0*3.1"``."""
    while choices and choices[-1] == 0:
        choices = choices[:-1]
    parts: list[str] = []
    zeros = 0
    for value in choices:
        if value == 0:
            zeros += 1
            continue
        if zeros:
            parts.append("0" if zeros == 1 else f"0*{zeros}")
            zeros = 0
        parts.append(str(value))
    return REPLAY_PREFIX + (".".join(parts) or "0")


def decode(text: str) -> list[int]:
    """The inverse of ``encode``; a clear ``ReplayError`` for anything else."""
    body = text.strip()
    if not body.startswith(REPLAY_PREFIX):
        raise ReplayError(f"replay schedule {text!r} does not start with {REPLAY_PREFIX!r}")
    choices: list[int] = []
    for part in body[len(REPLAY_PREFIX):].split("."):
        value, _, count = part.partition("*")
        if not value.isdigit() or (count and (not count.isdigit() or value != "0")):
            raise ReplayError(f"replay schedule {text!r}: {part!r} is not a number or 0*N")
        choices.extend([int(value)] * (int(count) if count else 1))
    return choices


@dataclass
class Step:
    chosen: str
    others: list[str]

    def __str__(self) -> str:
        others = "; ".join(self.others)
        return f"{self.chosen}  [instead of: {others}]"


@dataclass
class Chooser:
    """Makes the decisions of one example.

    ``draw(n)`` gives an index below ``n`` (Hypothesis' draw while exploring); a replay
    gives its recorded indices and then 0. Past ``budget`` decisions every choice is the
    canonical one, so a long test never runs out of Hypothesis' data.
    """

    draw: Callable[[int], int] | None = None
    replay: list[int] | None = None
    budget: int = 2000
    choices: list[int] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    diverged: str | None = None  # why a replay no longer fits the run
    frozen: bool = False  # the example is over: clean-up takes the canonical choices, unrecorded

    def choose(self, options: list[str]) -> int:
        """The index of the option taken; ``options`` describe them (for the report)."""
        if self.frozen:
            return 0
        n = len(options)
        position = len(self.choices)
        if self.replay is not None:
            index = self.replay[position] if position < len(self.replay) else 0
            if index >= n:
                self.diverged = self.diverged or (
                    f"decision {position + 1} asks for option {index + 1} of {n}: "
                    "the code under test changed since the schedule was recorded")
                index = 0
        elif self.draw is not None and position < self.budget:
            index = self.draw(n)
        else:
            index = 0
        self.choices.append(index)
        self.steps.append(Step(options[index], options[:index] + options[index + 1:]))
        return index

    def replay_string(self) -> str:
        return encode(self.choices)

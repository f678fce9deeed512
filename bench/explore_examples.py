"""The schedule explorer against plain repetition, on the boundary bugs of examples/.

For each broken example of ``examples/broken/explore`` (and its fixed twin in
``examples/good/explore``) it measures:

  plain     ``asyncio.run(main())`` repeated N times on a stock loop: how many runs
            fail, and the wall time per run;
  explore   the explorer (``@pytest.mark.loopsafe_explore``'s engine, without its
            example database, so every search starts fresh): examples run until the
            first failure, time to that failure and per example (no shrinking), then the
            whole search with shrinking and the size of the shrunk schedule.

The fixed twins must pass both ways; their explorer time per example is the cost of
an example that passes. Usage::

    python bench/explore_examples.py                   # N = 100 plain runs per example
    python bench/explore_examples.py --runs 20 --only e1_sleep_sync
    python bench/explore_examples.py --json results.json
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NAMES = ("e1_sleep_sync", "e2_retry_timeout", "e3_lock_across_await", "e4_submission_order")


@dataclass
class Row:
    example: str
    plain_failures: int
    plain_runs: int
    plain_seconds_per_run: float
    explore_first_failure: int | None  # examples run until the first failure (None: none failed)
    explore_seconds_to_failure: float
    explore_seconds_per_example: float
    explore_seconds_with_shrinking: float
    shrunk_decisions: int | None  # departures from the canonical order in the shrunk schedule


def plain(main, runs: int) -> tuple[int, float]:
    failures = 0
    started = time.perf_counter()
    for _ in range(runs):
        try:
            asyncio.run(main())
        except Exception:
            failures += 1
    return failures, (time.perf_counter() - started) / runs


def explored(main, max_examples: int, shrink: bool):
    from loopsafe.plugin.detectors.frames import UserCode
    from loopsafe.plugin.explore.runner import ExploreSettings, explore

    user_code = UserCode(REPO)

    def locate(frame) -> str:
        found = user_code.user_frame(frame)
        return f"{user_code.relpath(found.f_code.co_filename)}:{found.f_lineno}" if found else ""

    settings = ExploreSettings(max_examples=max_examples, shrink=shrink, database=False)
    started = time.perf_counter()
    result = explore(main, f"bench::{main.__module__}", settings, locate)
    return result, time.perf_counter() - started


def measure(module_name: str, runs: int, max_examples: int) -> Row:
    main = importlib.import_module(module_name).main
    failures, per_run = plain(main, runs)
    first, seconds = explored(main, max_examples, shrink=False)
    shrunk, with_shrinking = explored(main, max_examples, shrink=True)
    failure = first.failure
    decisions = None
    if shrunk.failure is not None:
        decisions = sum(1 for index in shrunk.failure.chooser.choices if index)
    return Row(
        example=module_name.replace("examples.", ""),
        plain_failures=failures, plain_runs=runs, plain_seconds_per_run=per_run,
        explore_first_failure=failure.example if failure else None,
        explore_seconds_to_failure=seconds,
        explore_seconds_per_example=seconds / max(first.examples, 1),
        explore_seconds_with_shrinking=with_shrinking,
        shrunk_decisions=decisions,
    )


def table(rows: list[Row]) -> str:
    head = (f"{'example':38} {'plain fails':>11} {'s/run':>7} {'1st fail at':>11} "
            f"{'s to fail':>9} {'s/example':>9} {'s shrunk':>8} {'departures':>10}")
    lines = [head, "-" * len(head)]
    for row in rows:
        first = "-" if row.explore_first_failure is None else str(row.explore_first_failure)
        shrunk = "-" if row.shrunk_decisions is None else str(row.shrunk_decisions)
        lines.append(
            f"{row.example:38} {row.plain_failures:>5}/{row.plain_runs:<5} "
            f"{row.plain_seconds_per_run:7.3f} {first:>11} {row.explore_seconds_to_failure:9.2f} "
            f"{row.explore_seconds_per_example:9.4f} {row.explore_seconds_with_shrinking:8.2f} {shrunk:>10}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100, help="plain runs per example (default 100)")
    parser.add_argument("--max-examples", type=int, default=200,
                        help="the explorer's examples per search (default 200, the marker's)")
    parser.add_argument("--only", default="", help="comma-separated example names (default: all)")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    import hypothesis  # noqa: F401  (imported once here, not inside the first timing)

    names = [n for n in NAMES if not args.only or n in args.only.split(",")]
    rows = [measure(f"examples.{kind}.explore.{name}", args.runs, args.max_examples)
            for name in names for kind in ("broken", "good")]
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps([asdict(row) for row in rows], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

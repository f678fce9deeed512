"""What loopsafe's pytest plugin costs on an async-heavy suite, next to its peers.

Generates a suite of async tests (by default 200 tests x 2,000 awaits, the size
issue 4 names) in a temporary directory and times whole pytest runs of it, in
one process tree and interleaved round by round so that machine drift hits
every variant alike:

  plain        pytest-asyncio alone (``-p no:loopsafe``)
  loopsafe     the plugin as installed, default options (blocking and leaks: warn)
  blockbuster  blockbuster's context manager in an autouse fixture (its documented use)
  pyleak       pyleak's pytest plugin, every test marked ``no_leaks``
  debug        asyncio debug mode (pytest-asyncio's ``--asyncio-debug``; it overrides
               ``PYTHONASYNCIODEBUG``) on plain pytest-asyncio

It prints the median wall and CPU time of each variant and their ratios to
plain. The budget is loopsafe <= 1.10x plain. Usage::

    python bench/plugin_overhead.py                      # all variants, 5 runs each
    python bench/plugin_overhead.py --runs 3 --variants plain,loopsafe,blockbuster
    python bench/plugin_overhead.py --json bench/results/overhead.json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

TESTS_PER_FILE = 10

TEST_FILE = '''
import asyncio

import pytest

AWAITS = {awaits}


async def step(i):
    await asyncio.sleep(0)
    return i

{tests}
'''

TEST_FUNCTION = '''
@pytest.mark.asyncio
async def test_{n}():
    total = 0
    for i in range(AWAITS // 2):
        await asyncio.sleep(0)
        total += await step(i)
    assert total == sum(range(AWAITS // 2))
'''

# Every pytest plugin that might be installed besides the one being measured is
# switched off, so each variant pays only for itself.
_OTHERS = ("loopsafe", "pyleak")


@dataclass
class Variant:
    name: str
    plugin: str | None = None  # the pytest11 plugin this variant keeps enabled
    conftest: str = ""
    options: tuple[str, ...] = ()

    def args(self) -> list[str]:
        off = []
        for other in _OTHERS:
            if other != self.plugin:
                off += ["-p", f"no:{other}"]
        return [*off, *self.options]


VARIANTS = {
    "plain": Variant("plain"),
    "loopsafe": Variant("loopsafe", plugin="loopsafe"),
    "blockbuster": Variant("blockbuster", conftest='''
        import pytest
        from blockbuster import blockbuster_ctx

        @pytest.fixture(autouse=True)
        def blockbuster():
            with blockbuster_ctx() as bb:
                yield bb
        '''),
    "pyleak": Variant("pyleak", plugin="pyleak", conftest='''
        import pytest

        def pytest_collection_modifyitems(items):
            for item in items:
                item.add_marker(pytest.mark.no_leaks)
        '''),
    "debug": Variant("debug", options=("--asyncio-debug",)),
}


def write_suite(root: Path, variant: Variant, tests: int, awaits: int) -> Path:
    """One directory per variant: the same test files, the variant's conftest."""
    suite = root / variant.name
    suite.mkdir()
    (suite / "pytest.ini").write_text(
        "[pytest]\nasyncio_mode = strict\nasyncio_default_fixture_loop_scope = function\n")
    (suite / "conftest.py").write_text(textwrap.dedent(variant.conftest))
    for first in range(0, tests, TESTS_PER_FILE):
        body = "".join(TEST_FUNCTION.format(n=n) for n in range(first, min(first + TESTS_PER_FILE, tests)))
        (suite / f"test_async_{first // TESTS_PER_FILE:03d}.py").write_text(
            TEST_FILE.format(awaits=awaits, tests=body))
    return suite


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_run(suite: Path, variant: Variant, tests: int) -> tuple[float, float]:
    """Wall and CPU seconds of one whole pytest run; fails loudly if the suite did not pass.

    CPU time is the steadier figure on a shared machine (another job's load
    stretches the wall clock, not the run's own CPU time)."""
    env = dict(os.environ)
    env.pop("PYTEST_ADDOPTS", None)
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
               *variant.args()]
    started, cpu_before = time.perf_counter(), _children_cpu()
    result = subprocess.run(command, cwd=suite, env=env, capture_output=True, text=True)
    elapsed, cpu = time.perf_counter() - started, _children_cpu() - cpu_before
    if result.returncode != 0 or f"{tests} passed" not in result.stdout:
        raise SystemExit(f"{variant.name}: the suite did not pass (exit {result.returncode}):\n"
                         f"{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return elapsed, cpu


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", type=int, default=200, help="number of async tests (200)")
    parser.add_argument("--awaits", type=int, default=2000, help="awaits per test (2000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per variant (5)")
    parser.add_argument("--variants", default=",".join(VARIANTS),
                        help=f"comma-separated, from: {', '.join(VARIANTS)}")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    names = [v.strip() for v in args.variants.split(",") if v.strip()]
    unknown = [n for n in names if n not in VARIANTS]
    if unknown:
        parser.error(f"--variants: unknown {', '.join(unknown)}; choose from {', '.join(VARIANTS)}")
    if "plain" not in names:
        names.insert(0, "plain")  # the baseline every ratio is against
    args.variants = names
    if args.tests < 1 or args.awaits < 2 or args.runs < 1:
        parser.error("--tests and --runs must be >= 1 and --awaits >= 2")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    variants = [VARIANTS[n] for n in args.variants]
    wall: dict[str, list[float]] = {v.name: [] for v in variants}
    cpu: dict[str, list[float]] = {v.name: [] for v in variants}
    with tempfile.TemporaryDirectory(prefix="loopsafe-bench-") as tmp:
        suites = {v.name: write_suite(Path(tmp), v, args.tests, args.awaits) for v in variants}
        for run in range(1, args.runs + 1):
            for variant in variants:  # interleaved: drift hits every variant alike
                w, c = time_run(suites[variant.name], variant, args.tests)
                wall[variant.name].append(w)
                cpu[variant.name].append(c)
            print(f"run {run}/{args.runs}: " + "  ".join(
                f"{name} {wall[name][-1]:.2f}s/{cpu[name][-1]:.2f}s cpu" for name in wall), flush=True)
    figures = {
        name: {"wall": statistics.median(wall[name]), "cpu": statistics.median(cpu[name])}
        for name in wall
    }
    plain = figures["plain"]
    for f in figures.values():
        f["wall_ratio"], f["cpu_ratio"] = f["wall"] / plain["wall"], f["cpu"] / plain["cpu"]
    print(f"\n{args.tests} tests x {args.awaits} awaits, {args.runs} runs each (medians), "
          f"Python {sys.version.split()[0]}")
    print(f"{'variant':<12} {'wall':>8} {'ratio':>7} {'cpu':>8} {'ratio':>7}")
    for name, f in figures.items():
        print(f"{name:<12} {f['wall']:>7.2f}s {f['wall_ratio']:>6.2f}x "
              f"{f['cpu']:>7.2f}s {f['cpu_ratio']:>6.2f}x")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "tests": args.tests, "awaits": args.awaits, "runs": args.runs,
            "wall": wall, "cpu": cpu, "medians": figures,
        }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

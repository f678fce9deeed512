"""Speed of loopsafe and its peers over the standard library of the running Python.

The `.py` files under `sysconfig`'s stdlib path (site-packages and __pycache__ left out) are
copied to a temporary folder, and every tool checks that copy from inside it: the same files
for all, no configuration picked up from elsewhere, and loopsafe's cache written there.

loopsafe runs cold (`--no-cache`) and warm (its cache filled by one untimed run first). The
fast tools run several times, interleaved so that a busy machine slows them alike, and the
median wall time counts; CPU time (user + system of the tool and its workers) is shown too, as
it depends less on what else the machine is doing. flake8 with flake8-async runs once, under
a time limit: it needs about ten minutes for the whole library, and it can be given a subset.

    python bench/linter_speed.py                            # everything, the whole library
    python bench/linter_speed.py --subset asyncio,json      # a quick run
    python bench/linter_speed.py --slow-subset asyncio,email,json,http,concurrent
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import linter_tools
from linter_tools import Run, Tool

# One 15k-line expression: flake8-async dies on it with a RecursionError inside libcst, and
# the error aborts flake8's whole run, so flake8 is told to skip it.
FLAKE8_CRASHER = "pydoc_data/topics.py"


@dataclass
class Scope:
    """A copy of (part of) the standard library that tools are run on."""

    name: str
    folder: Path
    files: int
    lines: int


def stdlib_files(stdlib: Path, subset: list[str] | None) -> list[Path]:
    """The library's own .py files, relative to it, optionally only those under the named
    top-level modules or packages (`asyncio`, `json`...). site-packages is never entered."""
    chosen = []
    for top in sorted(stdlib.iterdir()):
        if top.name in ("site-packages", "__pycache__") or (subset and top.name.removesuffix(".py") not in subset):
            continue
        if top.suffix == ".py" and top.is_file():
            chosen.append(top.relative_to(stdlib))
        elif top.is_dir():
            for folder, dirs, names in os.walk(top):
                dirs[:] = sorted(d for d in dirs if d != "__pycache__")
                chosen += [(Path(folder) / n).relative_to(stdlib) for n in sorted(names) if n.endswith(".py")]
    return chosen


def make_scope(name: str, stdlib: Path, subset: list[str] | None, into: Path) -> Scope:
    files = stdlib_files(stdlib, subset)
    if not files:
        raise SystemExit(f"no stdlib files match subset {','.join(subset or [])!r} under {stdlib}")
    folder = into / name
    lines = 0
    for rel in files:
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(stdlib / rel, target)
        with open(target, "rb") as fh:
            lines += sum(1 for _ in fh)
    return Scope(name, folder, len(files), lines)


def ruff_file_count(folder: Path) -> int:
    """ruff's JSON report does not say how many files it read; --show-files does."""
    out = subprocess.run(
        [linter_tools.ruff().argv[0], "check", "--show-files", "--isolated", "--select", "ASYNC", "."],
        cwd=folder, capture_output=True, text=True, check=False,
    ).stdout
    return sum(1 for line in out.splitlines() if line.strip().endswith((".py", ".pyi")))


@dataclass
class Measured:
    tool: Tool
    scope: Scope
    runs: list[Run]
    note: str = ""

    @property
    def completed(self) -> list[Run]:
        return [r for r in self.runs if r.problem is None]

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.completed)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.completed)

    @property
    def problem(self) -> str | None:
        """Why no run completed; a run that failed among good ones is a note, not a problem."""
        failed = [r.problem for r in self.runs if r.problem]
        return failed[0] if failed and not self.completed else None


def measure(tools: list[tuple[Tool, Scope]], runs: int, time_limit: float | None) -> list[Measured]:
    """Interleaved runs: round i runs every tool once before round i + 1 starts."""
    results = [Measured(tool, scope, []) for tool, scope in tools]
    for i in range(runs):
        for m in results:
            if not m.runs or m.completed:
                m.runs.append(linter_tools.run(m.tool, m.scope.folder, time_limit))
                last = m.runs[-1]
                print(f"  run {i + 1}/{runs} {m.tool.name}: {last.wall:.2f}s wall, {last.cpu:.2f}s cpu"
                      + (f" ({last.problem})" if last.problem else ""), file=sys.stderr, flush=True)
    return results


def fmt_rate(value: float) -> str:
    return f"{value / 1000:.1f}k" if value >= 1000 else f"{value:.0f}"


def report(results: list[Measured], baseline: Measured) -> str:
    """One row per tool. `x loopsafe` is the tool's time per line over loopsafe's (cold), so it
    stays meaningful when a slow tool ran on a subset: 2.00 means twice as slow."""
    if baseline.problem:
        return f"loopsafe (cold) did not complete, so there is nothing to compare with: {baseline.problem}"
    base_wall = baseline.wall / baseline.scope.lines
    base_cpu = baseline.cpu / baseline.scope.lines
    head = (f"{'tool':<17}{'scope':<8}{'runs':>5}{'files':>7}{'lines':>9}{'findings':>10}"
            f"{'wall s':>9}{'cpu s':>8}{'lines/s':>9}{'x loopsafe':>12}{'x (cpu)':>9}")
    rows = [head, "-" * len(head)]
    for m in results:
        if m.problem:
            rows.append(f"{m.tool.name:<17}{m.scope.name:<8}{len(m.runs):>5}  {m.problem}")
            continue
        last = m.completed[-1]
        files = last.files if last.files is not None else "?"
        per_line = m.wall / m.scope.lines
        rows.append(
            f"{m.tool.name:<17}{m.scope.name:<8}{len(m.completed):>5}{files:>7}{m.scope.lines:>9}"
            f"{len(last.findings):>10}{m.wall:>9.2f}{m.cpu:>8.2f}{fmt_rate(m.scope.lines / m.wall):>9}"
            f"{per_line / base_wall:>12.2f}{(m.cpu / m.scope.lines) / base_cpu:>9.2f}"
        )
    return "\n".join(rows)


def names(value: str | None) -> list[str] | None:
    return [n.strip() for n in value.split(",") if n.strip()] if value else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subset", help="comma-separated top-level stdlib modules/packages for every tool")
    parser.add_argument("--slow-subset", help="the same, for flake8-async only (default: --subset, or everything)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each fast tool (default 5)")
    parser.add_argument("--time-limit", type=float, default=900.0, help="seconds flake8-async may take (default 900)")
    parser.add_argument("--skip", default="", help="comma-separated tools not to run: ruff, flake8-async, hydroid-cli")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    skip = set(names(args.skip) or [])

    stdlib = Path(sysconfig.get_paths()["stdlib"])
    with tempfile.TemporaryDirectory(prefix="loopsafe-speed-") as tmp:
        main_scope = make_scope("full" if not args.subset else "subset", stdlib, names(args.subset), Path(tmp))
        slow_names = names(args.slow_subset)
        slow_scope = make_scope("slow", stdlib, slow_names, Path(tmp)) if slow_names else main_scope

        print(f"standard library: {stdlib} (site-packages left out)")
        for scope in {id(s): s for s in (main_scope, slow_scope)}.values():
            label = args.subset if scope is main_scope else args.slow_subset
            print(f"  scope {scope.name}: {scope.files} files, {scope.lines} lines"
                  + (f" ({label})" if label else ""))
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start, "
              f"Python {sys.version.split()[0]}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n")

        warm = linter_tools.loopsafe(cache=True)
        linter_tools.run(warm, main_scope.folder)  # fills the cache; not timed
        fast = [(linter_tools.loopsafe(), main_scope), (warm, main_scope)]
        fast += [(tool, main_scope) for tool in (linter_tools.ruff(), linter_tools.hydroid()) if tool.name not in skip]
        results = measure(fast, args.runs, None)
        notes = []
        if "flake8-async" not in skip:
            crasher = (slow_scope.folder / FLAKE8_CRASHER).is_file()
            flake8 = linter_tools.flake8(exclude=["*/" + FLAKE8_CRASHER] if crasher else [])
            results += measure([(flake8, slow_scope)], 1, args.time_limit)
            notes.append(f"flake8-async: one run, time limit {args.time_limit:.0f}s"
                         + (f"; {FLAKE8_CRASHER} left out (its RecursionError aborts flake8's whole run)" if crasher else "")
                         + "; flake8 also runs pyflakes, pycodestyle and loopsafe's LS adapter, whatever --select says")
        for m in results:
            if m.tool.name == "ruff" and not m.problem:
                m.completed[-1].files = ruff_file_count(m.scope.folder)
            for failed in (r for r in m.runs if r.problem):
                notes.append(f"{m.tool.name}: a run failed and is left out of the median: {failed.problem}")

    print(report(results, results[0]))
    print("\nx loopsafe: time per line relative to loopsafe cold (1.00); below 1 is faster than loopsafe.")
    print("findings: every code the tool reported (loopsafe: all LS codes; ruff/flake8: ASYNC*; hydroid: all).")
    for note in notes:
        print(note)
    return 1 if any(m.problem for m in results) else 0


if __name__ == "__main__":
    sys.exit(main())

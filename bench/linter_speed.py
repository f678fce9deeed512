"""Speed of loopsafe and its peers in the four scenarios of issue 10, on the standard library.

The `.py` files under `sysconfig`'s stdlib path (site-packages and __pycache__ left out), by
default the slice of eleven packages of issue 10, are copied to a temporary folder, one copy
per tool, and every tool checks its copy from inside it: the same files for all, no
configuration picked up from elsewhere, each tool's cache its own.

The scenarios: cold (`--no-cache`, loopsafe with `--jobs 2`); warm with nothing changed; one
file edited (the whole tree checked again); one file edited and named (the pre-commit case:
loopsafe and ruff are given the file; hydroid has no such mode, so its whole-tree run on the
same edit is what it is compared with). The edit appends a coroutine that reaches `open()`
through another module, and the report says whether loopsafe's named run finds it.

Rounds run every scenario and tool once, so a busy machine slows them alike; medians count.
CPU time is that of every process of the tool's session (workers included), peak memory the
largest resident size of those processes together. Issue 10 asks a warm run over the whole
library to be no slower than ruff's cold run: the report gives that ratio. `--loopsafe
LABEL=EXE` adds another loopsafe (a venv at an older commit) to compare before and after.

    python bench/linter_speed.py                       # the slice, 5 rounds
    python bench/linter_speed.py --runs 3 --loopsafe before=/venvs/old/bin/loopsafe
    python bench/linter_speed.py --subset all --runs 1 # the whole library
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import linter_tools
from linter_tools import Run, Tool

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


def names(value: str | None) -> list[str] | None:
    return [n.strip() for n in value.split(",") if n.strip()] if value else None


# ------------------------------------------------------------------ the four scenarios
# The slice of issue 10: eleven packages; `mimetypes` gives the edited file a helper in
# another module that opens a file, so the pre-commit case has a cross-module finding.
SLICE = "asyncio,concurrent,email,json,http,logging,multiprocessing,urllib,xml,importlib,mimetypes"
EDITED = "json/__init__.py"
# Appended to the edited file, with a different comment each round so every run sees a
# change: a coroutine that reaches `open()` through `mimetypes.read_mime_types`.
EDIT = ("\n\nimport mimetypes as _bench_mimetypes\n\n\nasync def _bench_edit(path):  # round {n}\n"
        "    return _bench_mimetypes.read_mime_types(path)\n")
SCENARIOS = ("cold --jobs 2", "warm, no change", "one file edited", "one file edited and named")


def _tool(name: str, argv: list[str], parse, family=lambda code: None) -> Tool:
    return Tool(name, argv, parse, family)


def scenario_tools(loopsafes: list[tuple[str, str]], skip: set[str]) -> dict[str, list[Tool]]:
    """For each scenario, the commands: every loopsafe given (label, executable), hydroid-cli
    and ruff. Named runs name the edited file; hydroid has no such mode."""
    ruff_exe = linter_tools.ruff().argv[0]
    ruff = [ruff_exe, "check", "--select", "ASYNC", "--output-format", "json", "--isolated", "--exit-zero"]
    hydroid_exe = linter_tools.hydroid().argv[0]
    parse_ls, parse_ruff, parse_hy = (linter_tools.loopsafe().parse, linter_tools.ruff().parse,
                                      linter_tools.hydroid().parse)
    tools: dict[str, list[Tool]] = {s: [] for s in SCENARIOS}
    for label, exe in loopsafes:
        check = [exe, "check", "--format", "json"]
        tools[SCENARIOS[0]].append(_tool(label, check + ["--no-cache", "--jobs", "2", "."], parse_ls))
        for scenario in SCENARIOS[1:3]:
            tools[scenario].append(_tool(label, check + ["."], parse_ls))
        tools[SCENARIOS[3]].append(_tool(label, check + [EDITED], parse_ls))
    if "hydroid-cli" not in skip:
        tools[SCENARIOS[0]].append(_tool("hydroid-cli", [hydroid_exe, "--no-cache", "--format", "json", "."], parse_hy))
        for scenario in SCENARIOS[1:3]:
            tools[scenario].append(_tool("hydroid-cli", [hydroid_exe, "--format", "json", "."], parse_hy))
    if "ruff" not in skip:
        tools[SCENARIOS[0]].append(_tool("ruff", ruff + ["--no-cache", "."], parse_ruff))
        for scenario in SCENARIOS[1:3]:
            tools[scenario].append(_tool("ruff", ruff + ["."], parse_ruff))
        tools[SCENARIOS[3]].append(_tool("ruff", ruff + [EDITED], parse_ruff))
    return tools


def _edit(folder: Path, original: str, n: int) -> None:
    (folder / EDITED).write_text(original + EDIT.format(n=n), encoding="utf-8")


def run_scenarios(scope: Scope, tools: dict[str, list[Tool]], runs: int) -> dict[tuple[str, str], list[Run]]:
    """Round after round, every scenario and every tool once, so that a busy machine slows
    them alike; each tool has its own copy of the files (its caches stay its own)."""
    copies: dict[str, Path] = {}
    for tool in {t.name for ts in tools.values() for t in ts}:
        copies[tool] = scope.folder.with_name(f"{scope.folder.name}-{tool.replace(' ', '_')}")
        shutil.copytree(scope.folder, copies[tool])
    original = (scope.folder / EDITED).read_text(encoding="utf-8")
    edits = 0
    for tool in {t.name for t in tools[SCENARIOS[1]]}:  # fill the caches, untimed
        for warm in (t for t in tools[SCENARIOS[1]] if t.name == tool):
            linter_tools.run(warm, copies[tool])
    results: dict[tuple[str, str], list[Run]] = {}
    for i in range(runs):
        for scenario in SCENARIOS:
            for tool in tools[scenario]:
                folder = copies[tool.name]
                if scenario in SCENARIOS[2:]:
                    edits += 1
                    _edit(folder, original, edits)
                run = linter_tools.run(tool, folder)
                results.setdefault((scenario, tool.name), []).append(run)
                print(f"  round {i + 1}/{runs} {scenario}: {tool.name}: {run.wall:.2f}s wall, {run.cpu:.2f}s cpu, "
                      f"{run.memory or 0:.0f} MB"
                      + (f" ({run.problem})" if run.problem else ""), file=sys.stderr, flush=True)
        for tool, folder in copies.items():  # back to the unedited file for the next warm round
            (folder / EDITED).write_text(original, encoding="utf-8")
            for warm in (t for t in tools[SCENARIOS[1]] if t.name == tool):
                linter_tools.run(warm, folder)
    return results


def _cross_module(runs: list[Run]) -> bool:
    """The named run reports the edited file's coroutine reaching `open()` in mimetypes."""
    return any(f.path == EDITED and f.code == "LS104" for r in runs for f in r.findings)


def scenario_report(results: dict[tuple[str, str], list[Run]], reference: str) -> str:
    """One row per scenario and tool: median wall and CPU (every process of the tool's
    session), findings, and the ratios to hydroid-cli and to ``reference`` (the first
    loopsafe) on the same scenario; a named run is compared with hydroid's whole-tree run
    on the same edit, which is what hydroid offers for it."""
    head = (f"{'scenario':<27}{'tool':<22}{'runs':>5}{'wall s':>9}{'cpu s':>8}{'peak MB':>9}{'findings':>10}"
            f"{'x hydroid':>11}{'x ruff':>9}")
    rows = [head, "-" * len(head)]

    def median(runs: list[Run], what: str) -> float | None:
        done = [getattr(r, what) for r in runs if r.problem is None]
        return statistics.median(done) if done else None

    for scenario in SCENARIOS:
        hydroid_scenario = SCENARIOS[2] if scenario == SCENARIOS[3] else scenario
        hydroid = median(results.get((hydroid_scenario, "hydroid-cli"), []), "wall")
        ruff = median(results.get((scenario, "ruff"), []), "wall")
        for (name_scenario, tool), runs in results.items():
            if name_scenario != scenario:
                continue
            wall, cpu, memory = median(runs, "wall"), median(runs, "cpu"), median(runs, "memory")
            if wall is None:
                rows.append(f"{scenario:<27}{tool:<22}{len(runs):>5}  {runs[0].problem}")
                continue
            found = next(len(r.findings) for r in runs if r.problem is None)
            x_h = f"{wall / hydroid:.2f}" if hydroid and tool != "hydroid-cli" else "-"
            x_r = f"{wall / ruff:.1f}" if ruff and tool != "ruff" else "-"
            rows.append(f"{scenario:<27}{tool:<22}{len(runs):>5}{wall:>9.3f}{cpu:>8.2f}{memory:>9.0f}{found:>10}"
                        f"{x_h:>11}{x_r:>9}")
    named = results.get((SCENARIOS[3], reference), [])
    rows.append("")
    ruff_cold = median(results.get((SCENARIOS[0], "ruff"), []), "wall")
    for (scenario, tool), runs in results.items():
        warm = median(runs, "wall")
        if scenario == SCENARIOS[1] and tool not in ("ruff", "hydroid-cli") and warm and ruff_cold:
            rows.append(f"{tool}, warm with nothing changed: {warm:.3f} s, {warm / ruff_cold:.2f}x ruff's "
                        f"cold run ({ruff_cold:.3f} s)")
    rows.append(f"{reference}, one file edited and named: the cross-module finding of the edited coroutine "
                + ("is reported" if _cross_module(named) else "is NOT reported"))
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subset", default=SLICE,
                        help=f"comma-separated top-level stdlib modules/packages (default: the slice of issue 10, "
                             f"{SLICE}); 'all' for the whole library")
    parser.add_argument("--runs", type=int, default=5, help="rounds of every scenario (default 5)")
    parser.add_argument("--loopsafe", action="append", default=[], metavar="LABEL=EXECUTABLE",
                        help="another loopsafe to compare (e.g. a venv at an older commit); repeatable")
    parser.add_argument("--skip", default="", help="comma-separated peers not to run: ruff, hydroid-cli")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    loopsafes = [("loopsafe", linter_tools.loopsafe().argv[0])]
    for given in args.loopsafe:
        label, sep, exe = given.partition("=")
        if not sep or not Path(exe).is_file():
            parser.error(f"--loopsafe {given!r}: expected LABEL=EXECUTABLE with an existing executable")
        loopsafes.append((label, exe))
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    subset = None if args.subset == "all" else names(args.subset)
    with tempfile.TemporaryDirectory(prefix="loopsafe-speed-") as tmp:
        scope = make_scope("slice" if subset else "full", stdlib, subset, Path(tmp))
        if not (scope.folder / EDITED).is_file():
            raise SystemExit(f"the scope must contain {EDITED}, the file the edit scenarios change")
        print(f"standard library: {stdlib} (site-packages left out); {scope.files} files, {scope.lines} lines"
              + (f" ({args.subset})" if subset else ""))
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start, "
              f"Python {sys.version.split()[0]}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n")
        results = run_scenarios(scope, scenario_tools(loopsafes, set(names(args.skip) or [])), args.runs)
    print(scenario_report(results, loopsafes[0][0]))
    print("\nwall, cpu, peak MB: medians; cpu is user + system time of every process of the tool's session, "
          "peak MB the largest resident size of those processes together.")
    print("x hydroid, x ruff: wall time over theirs on the same scenario (named: hydroid's whole-tree run "
          "on the same edit); below 1 is faster.")
    return 1 if any(r.problem for runs in results.values() for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())

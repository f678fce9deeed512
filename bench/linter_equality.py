"""Refactoring guard: the linter's findings on three code bases must not change.

A refactor of the analysis must give exactly the findings the code gave before it. This
script runs `loopsafe check --format json --no-cache` on three fixed trees and compares the
JSON with a saved baseline:

- `corpus`:  the labelled benchmark corpus (`bench/corpus`),
- `stdlib`:  the standard library of the running Python (site-packages left out, as in
  `linter_speed.py`),
- `project`: loopsafe's own tree (its `pyproject.toml` applies).

The trees are copied once into the work folder (`--work`, default `/work/baselines`) so that
later edits to the repository do not move the target, and the baseline is the output of the
linter installed in `--python` at the time of `--save`:

    python bench/linter_equality.py --save --python /venv-at-the-old-commit/bin/python
    python bench/linter_equality.py                  # compare this checkout's linter
    python bench/linter_equality.py --only corpus     # one tree
    python bench/linter_equality.py --warm            # cache on: a cold run, then a warm one

With `--warm` the linter runs with its cache, twice: the first run fills it (in the tree's
`.loopsafe_cache`, so use a `--work` folder of your own), the second answers from it, and
both must give the saved output.

The exit status is 0 when every tree gives the saved output, 1 otherwise; each difference is
printed as the findings missing and the findings added.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TREES = ("corpus", "stdlib", "project")


def _copy_stdlib(into: Path) -> None:
    sys.path.insert(0, str(HERE))
    from linter_speed import stdlib_files

    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for rel in stdlib_files(stdlib, None):
        target = into / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(stdlib / rel, target)


def _copy_project(into: Path) -> None:
    """The tracked files of the repository as committed at HEAD."""
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=REPO, capture_output=True, check=True).stdout
    into.mkdir(parents=True)
    subprocess.run(["tar", "-x"], cwd=into, input=archive, check=True)


def tree(work: Path, name: str) -> Path:
    """The fixed copy of one tree, made on first use."""
    folder = work / "targets" / name
    if not folder.is_dir():
        partial = folder.with_name(name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        if name == "corpus":
            shutil.copytree(REPO / "bench" / "corpus", partial)
        elif name == "stdlib":
            _copy_stdlib(partial)
        else:
            _copy_project(partial)
        partial.rename(folder)
    return folder


def run_linter(python: str, folder: Path, cache: bool = False) -> tuple[dict, float]:
    start = time.perf_counter()
    proc = subprocess.run(
        [python, "-m", "loopsafe.linter", "check", "--format", "json", *([] if cache else ["--no-cache"]), "."],
        cwd=folder, capture_output=True, text=True, check=False,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1) or not proc.stdout.startswith("{"):
        raise SystemExit(f"loopsafe failed on {folder} (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout), elapsed


def _key(d: dict) -> str:
    return json.dumps(d, sort_keys=True)


def compare(saved: dict, now: dict) -> list[str]:
    """The differences, one line each: summary changes, then findings missing (-) and added (+)."""
    lines = []
    if saved.get("summary") != now.get("summary"):
        lines.append(f"summary: {saved.get('summary')} -> {now.get('summary')}")
    before = [_key(d) for d in saved["diagnostics"]]
    after = [_key(d) for d in now["diagnostics"]]
    after_set, before_set = set(after), set(before)
    lines += [f"- {d}" for d in before if d not in after_set]
    lines += [f"+ {d}" for d in after if d not in before_set]
    if not lines and before != after:
        lines.append("same findings, different order")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--save", action="store_true", help="write the baselines instead of comparing")
    parser.add_argument("--python", default=sys.executable, help="interpreter whose loopsafe runs")
    parser.add_argument("--work", type=Path, default=Path("/work/baselines"), help="trees and baselines live here")
    parser.add_argument("--only", help="comma-separated subset of " + ", ".join(TREES))
    parser.add_argument("--warm", action="store_true",
                        help="run with the cache, cold then warm, and compare both runs")
    args = parser.parse_args(argv)
    chosen = [t.strip() for t in args.only.split(",")] if args.only else list(TREES)
    unknown = set(chosen) - set(TREES)
    if unknown:
        parser.error(f"unknown tree(s): {', '.join(sorted(unknown))}")

    if args.warm and args.save:
        parser.error("--warm compares; save a baseline without it")
    status = 0
    for name in chosen:
        folder = tree(args.work, name)
        if args.warm:
            shutil.rmtree(folder / ".loopsafe_cache", ignore_errors=True)
        for run in ("cold", "warm") if args.warm else ("",):
            label = f"{name} {run}".strip()
            report, elapsed = run_linter(args.python, folder, cache=args.warm)
            saved_path = args.work / f"{name}.json"
            count = len(report["diagnostics"])
            if args.save:
                saved_path.write_text(json.dumps(report, indent=1, sort_keys=True) + "\n")
                print(f"{label}: saved {count} findings to {saved_path} ({elapsed:.1f}s)")
                continue
            if not saved_path.is_file():
                raise SystemExit(f"no baseline {saved_path}: run with --save first")
            diff = compare(json.loads(saved_path.read_text()), report)
            if diff:
                status = 1
                print(f"{label}: {len(diff)} difference(s) ({count} findings now, {elapsed:.1f}s)")
                for line in diff:
                    print("  " + line)
            else:
                print(f"{label}: identical, {count} findings ({elapsed:.1f}s)")
    return status


if __name__ == "__main__":
    sys.exit(main())

"""Precision and recall of loopsafe and its peers on the labelled corpus (bench/corpus).

Each true finding in the corpus is marked on its line with `# expect: LS1` (or `LS2`, `LS3`,
or several: `# expect: LS1, LS2`); every unmarked line is correct code. A tool's finding
counts as a true positive when a marker names the same (file, line, family); findings are
compared by family because that is what the peers can be mapped onto (see linter_tools.py).
Several findings of one family on one line count once, as one marker does.

The corpus is copied to a temporary folder first, so that no tool reads the repository's
configuration (which excludes the corpus from loopsafe's self-check) and nothing is written
into the source tree.

    python bench/linter_accuracy.py            # the table
    python bench/linter_accuracy.py --show     # and every false positive / negative, with its line
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

import linter_tools
from linter_tools import FAMILIES, Finding, Tool

CORPUS = Path(__file__).resolve().parent / "corpus"
MARKER = re.compile(r"#\s*expect:\s*(LS\d(?:\s*,\s*LS\d)*)\s*$")

Key = tuple[str, int, str]  # (path, line, family)


def expected(corpus: Path) -> set[Key]:
    """Every (file, line, family) the corpus marks as a true finding."""
    keys = set()
    for path in sorted(corpus.rglob("*.py")):
        rel = path.relative_to(corpus).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = MARKER.search(line)
            if match:
                for family in re.split(r"\s*,\s*", match.group(1)):
                    if family not in FAMILIES:
                        raise SystemExit(f"{rel}:{number}: unknown family {family!r} in marker")
                    keys.add((rel, number, family))
    return keys


def scored(tool: Tool, findings: list[Finding]) -> tuple[set[Key], Counter]:
    """The tool's findings as (file, line, family) keys, and a count of the codes that map to
    no family."""
    keys, other = set(), Counter()
    for f in findings:
        family = tool.family(f.code)
        if family is None:
            other[f.code] += 1
        else:
            keys.add((f.path, f.line, family))
    return keys, other


def ratio(num: int, den: int) -> str:
    return f"{num / den:.2f}" if den else "-"


def table(rows: list[tuple[str, str, int, int, int]]) -> str:
    head = f"{'tool':<14}{'family':<8}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>8}"
    lines = [head, "-" * len(head)]
    for name, family, tp, fp, fn in rows:
        lines.append(f"{name:<14}{family:<8}{tp:>5}{fp:>5}{fn:>5}{ratio(tp, tp + fp):>11}{ratio(tp, tp + fn):>8}")
    return "\n".join(lines)


def source_line(corpus: Path, key: Key) -> str:
    path, line, _ = key
    return (corpus / path).read_text(encoding="utf-8").splitlines()[line - 1].strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="labelled corpus folder (default: bench/corpus)")
    parser.add_argument(
        "--tools", default="loopsafe,ruff,flake8-async,hydroid-cli", help="comma-separated subset of the tools"
    )
    parser.add_argument("--show", action="store_true", help="list every false positive and false negative")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        parser.error(f"corpus folder not found: {args.corpus}")

    tools = {t.name: t for t in (linter_tools.loopsafe(), linter_tools.ruff(), linter_tools.flake8(), linter_tools.hydroid())}
    chosen = [name.strip() for name in args.tools.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in tools]
    if unknown:
        parser.error(f"unknown tool(s) {', '.join(unknown)}; choose from {', '.join(tools)}")

    truth = expected(args.corpus)
    files = sum(1 for _ in args.corpus.rglob("*.py"))
    per_family = Counter(family for _, _, family in truth)
    print(f"corpus: {files} files, {len(truth)} marked findings ("
          + ", ".join(f"{f} {per_family[f]}" for f in FAMILIES) + ")\n")

    rows, details, problems = [], [], []
    with tempfile.TemporaryDirectory(prefix="loopsafe-accuracy-") as tmp:
        folder = Path(tmp) / "corpus"
        shutil.copytree(args.corpus, folder)
        for name in chosen:
            result = linter_tools.run(tools[name], folder)
            if result.problem:
                problems.append(f"{name}: {result.problem}")
                continue
            found, other = scored(tools[name], result.findings)
            for family in FAMILIES:
                hits = {k for k in found if k[2] == family}
                want = {k for k in truth if k[2] == family}
                rows.append((name, family, len(hits & want), len(hits - want), len(want - hits)))
            if other:
                details.append(f"{name}: {sum(other.values())} findings of codes outside the families, not scored: "
                               + ", ".join(f"{code} x{n}" for code, n in sorted(other.items())))
            if args.show:
                for label, keys in (("false positive", found - truth), ("false negative", truth - found)):
                    for key in sorted(keys):
                        details.append(f"{name}: {label} {key[2]} {key[0]}:{key[1]}: {source_line(args.corpus, key)}")

    print(table(rows))
    for line in details + problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

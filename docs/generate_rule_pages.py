"""Regenerate ``docs/rules/`` from the rules' own documentation.

    python docs/generate_rule_pages.py          # write the pages that changed
    python docs/generate_rule_pages.py --check  # exit 1 if any page is out of date

Each rule's module docstring is the one source of truth: ``loopsafe rule CODE``
prints the same page, and ``tests/linter/test_docs.py`` fails when this folder
falls behind the rules.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from loopsafe.linter import rule_pages
from loopsafe.linter.rules import ALL_RULES

FOLDER = Path(__file__).resolve().parent / "rules"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale pages, change nothing")
    args = parser.parse_args(argv)
    if args.check:
        stale = rule_pages.stale(FOLDER, ALL_RULES)
        for name in stale:
            print(f"out of date: {FOLDER / name}")
        return 1 if stale else 0
    for name in rule_pages.write(FOLDER, ALL_RULES):
        print(f"updated {FOLDER / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

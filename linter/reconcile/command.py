"""``loopsafe reconcile REPORT.json [PATH ...]``: the command line of reconcile.

Exit status, as ``loopsafe check``: 0 when no event counts, 1 when one does (a
``confirmed`` or ``missed`` blocking call: the loop really was blocked in the tests,
whether or not the linter reports it), 2 for a usage error (a missing or malformed
report, a bad configuration, a ``pyproject.toml`` that cannot be edited).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from typing import TYPE_CHECKING

from loopsafe.linter import config
from loopsafe.linter.reporters import FORMAT_NAMES as FORMATS  # render.RENDERERS has each
from loopsafe.linter.settings import Settings, UsageError

if TYPE_CHECKING:
    from .classify import Reconciliation

# The parser is built for every `loopsafe` command: what reconcile runs on is imported
# when it runs, so that `loopsafe check` does not load it.

EXIT_CLEAN, EXIT_FINDINGS = 0, 1


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "reconcile", help="check the pytest plugin's runtime report against the linter",
        description="Classify each event of a runtime report (pytest --loopsafe-report) as "
                    "confirmed (the linter reports it), missed (it cannot see it: why, and the "
                    "blocking-calls entry that makes it) or suppressed (noqa, allow-lists, "
                    "baseline). Exit 1 when an event is confirmed or missed.")
    parser.add_argument("report", type=Path, metavar="REPORT.json",
                        help="the JSON report written by pytest --loopsafe-report")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders the linter checks (default: .)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format")
    parser.add_argument("--output-file", type=Path, metavar="FILE", help="write the output to FILE")
    parser.add_argument("--write-config", action="store_true",
                        help="add the suggested blocking-calls entries to [tool.loopsafe]")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="use this pyproject.toml or loopsafe TOML file instead of searching")
    parser.add_argument("--baseline", type=Path, metavar="FILE",
                        help="the baseline `loopsafe check` uses: its findings count as suppressed")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when events count")


def run(args: argparse.Namespace) -> int:
    from . import report
    from .classify import Classifier
    from .lintruns import LintRuns
    from .render import render
    from .sites import PathResolver

    events = report.load(args.report)
    start = Path(args.paths[0] if args.paths else ".")
    settings = config.resolve(start, config.Overrides(config=args.config, cache=not args.no_cache))
    runs = LintRuns(args.paths, settings, args.baseline)
    # the report's paths are relative to pytest's rootdir: normally the project root
    resolver = PathResolver([settings.root, Path.cwd(), args.report.absolute().parent])
    result = Classifier(runs, resolver).classify(events)
    _emit(render(args.format, result), args.output_file)
    if args.write_config:
        write_config(result, settings, start)
    return EXIT_FINDINGS if result.gating and not args.exit_zero else EXIT_CLEAN


def _emit(text: str, output_file: Path | None) -> None:
    if output_file is None:
        sys.stdout.write(text)
        return
    try:
        output_file.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{output_file}: cannot write the output: {exc.strerror or exc}") from None


def config_target(settings: Settings, start: Path) -> tuple[Path, tuple[str, ...]]:
    """The file to edit and the table in it: the configuration in use, else the nearest
    pyproject.toml, else a new one in the project root."""
    if settings.config_file is not None:
        path = settings.config_file
        return path, (("tool", "loopsafe") if path.name == "pyproject.toml" else ())
    folder = start.absolute() if start.is_dir() else start.absolute().parent
    for candidate in (folder, *folder.parents):
        if (candidate / "pyproject.toml").is_file():
            return candidate / "pyproject.toml", ("tool", "loopsafe")
    return settings.root / "pyproject.toml", ("tool", "loopsafe")


def write_config(result: Reconciliation, settings: Settings, start: Path) -> None:
    """Show the verified entries, then add them to the configuration."""
    from .render import toml_entry
    from .tomledit import ConfigEditError, add_blocking_calls

    suggested = result.suggestions()
    unverified = sorted({v.suggestion.entry for v in result.verdicts
                         if v.suggestion is not None and not v.suggestion.verified}
                        - {s.entry for s in suggested})
    for entry in unverified:
        print(f"Not adding {entry!r}: linting with it did not flag the call (see the reason).",
              file=sys.stderr)
    if not suggested:
        print("No blocking-calls entry to add.", file=sys.stderr)
        return
    path, table = config_target(settings, start)
    where = f"{path} [{'.'.join(table)}]" if table else str(path)
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            text = handle.read()
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    entries = [s.entry for s in suggested]
    try:
        edited, added = add_blocking_calls(text, table, entries)
    except ConfigEditError as exc:
        raise ConfigEditError(f"{path}: cannot add the entries ({exc}); add them to "
                              f"{where} by hand: {toml_entry(entries)}") from None
    if not added:
        print(f"{where} already lists {', '.join(entries)}.", file=sys.stderr)
        return
    print(f"Adding to {where}: {toml_entry(added)}", file=sys.stderr)
    for s in suggested:
        if s.entry in added:
            print(f"  {s.entry}: {s.function} (at {s.frame}), called at "
                  f"{s.call_site.shown()}", file=sys.stderr)
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(edited)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {exc.strerror or exc}") from None

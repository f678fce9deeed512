"""The ``loopsafe`` command: ``check`` files, list the ``rules``, show one ``rule``.

Exit status: 0 no findings, 1 findings, 2 a usage or configuration error. Every
error a user can cause (bad option, bad config, unknown code, missing path,
unwritable output) is one line on stderr and status 2, never a traceback: CI
scripts tell "the code has findings" from "the linter was called wrongly" by
the status alone.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence

# Nothing heavy at import: a warm run (``warm``) parses the command line, checks its
# record's inputs and prints, and the configuration parser, pathlib, dataclasses, the
# reporters and the analysis would cost it several times its work: each is imported
# where it is used.
from loopsafe.linter import __version__, warm
from loopsafe.linter.constants import CONFIDENCES, DEFAULT_MIN_CONFIDENCE, ELAPSED, FORMAT_NAMES
from loopsafe.linter.errors import UsageError

TYPE_CHECKING = False  # what `typing` says to type checkers; importing it costs a warm run 3 ms
if TYPE_CHECKING:
    from loopsafe.linter.diagnostics import Diagnostic
    from loopsafe.linter.fixes import FileFix
    from loopsafe.linter.settings import Settings
    from loopsafe.linter.sources import SourceCache

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
# --fix re-lints after each pass; a fix may make room for another, but never forever.
MAX_FIX_PASSES = 10
STDIN = "-"


def _codes(value: str) -> list[str]:
    """``LS1,LS201`` -> ``["LS1", "LS201"]``; the option may also be repeated."""
    return [part.strip() for part in value.split(",") if part.strip()]


def _patterns(value: str) -> list[str]:
    """``tests,gen/*.py`` -> ``["tests", "gen/*.py"]``, as ruff splits ``--exclude``."""
    return [part.strip() for part in value.split(",") if part.strip()]


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an integer >= 0, got {value!r}") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"expected an integer >= 0 (0: one per core), got {jobs}")
    return jobs


def _terminal_width() -> int:
    """What ``shutil.get_terminal_size`` answers, without importing shutil (and its
    compression modules), which costs a warm run more than its work: ``COLUMNS``, else the
    terminal's width, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", 0))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, whose width is measured without shutil (argparse makes one
    for every option added, to check its metavar)."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_terminal_width() - 2)  # argparse's own margin


def build_parser(with_reconcile: bool = True) -> argparse.ArgumentParser:
    """The parser of every command; ``reconcile``'s (whose module loads the configuration
    parser) can be left out when the command line is known to run another."""
    parser = argparse.ArgumentParser(
        prog="loopsafe", formatter_class=_Formatter,
        description="Find blocking calls on the event loop, loop misuse across threads, "
                    "and unsafe multiprocessing.")
    parser.add_argument("--version", action="version", version=f"loopsafe {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="check Python files (default: the current folder)",
                                formatter_class=_Formatter)
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help="files or folders to check; '-' reads stdin (default: .)")
    for flag, what in (("--select", "check only these codes or prefixes (replaces the config's)"),
                       ("--ignore", "do not report these codes or prefixes"),
                       ("--extend-select", "check these codes or prefixes as well")):
        check.add_argument(flag, type=_codes, action="extend", metavar="CODES", help=what)
    check.add_argument("--min-confidence", choices=CONFIDENCES, default=None,
                       help="report findings at least this sure: certain (a blocking call made in the "
                            "coroutine or unconditionally), likely (through branches the arguments take) or "
                            f"possible (through branches that could not be decided); default "
                            f"{DEFAULT_MIN_CONFIDENCE}")
    check.add_argument("--exclude", type=_patterns, action="extend", metavar="PATTERNS",
                       help="files and folders not to check (replaces the config's exclude)")
    check.add_argument("--extend-exclude", type=_patterns, action="extend", metavar="PATTERNS",
                       help="files and folders not to check, on top of exclude")
    check.add_argument("--force-exclude", action=argparse.BooleanOptionalAction, default=None,
                       help="apply the exclusions to files named on the command line and to "
                            "--stdin-filename too (for pre-commit and editors)")
    check.add_argument("--respect-gitignore", action=argparse.BooleanOptionalAction, default=None,
                       help="leave out files git ignores (default: on)")
    check.add_argument("--format", choices=FORMAT_NAMES, default="text", help="report format")
    check.add_argument("--statistics", action="store_true",
                       help="count the findings per rule instead of listing them")
    check.add_argument("-q", "--quiet", action="store_true",
                       help="print the findings only: no summary line, no notes on stderr")
    check.add_argument("--output-file", metavar="FILE", help="write the report to FILE")
    fixing = check.add_mutually_exclusive_group()
    fixing.add_argument("--fix", action="store_true", help="apply the safe automatic fixes")
    fixing.add_argument("--diff", action="store_true",
                        help="show the automatic fixes as a diff, change nothing")
    baselines = check.add_mutually_exclusive_group()
    baselines.add_argument("--baseline", metavar="FILE",
                           help="report only findings not recorded in FILE")
    baselines.add_argument("--write-baseline", metavar="FILE",
                           help="record the current findings in FILE and exit 0")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    check.add_argument("--jobs", type=_jobs, metavar="N", help="parallel workers (0: one per core)")
    check.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    check.add_argument("--config", metavar="FILE",
                       help="use this pyproject.toml or loopsafe TOML file instead of searching")
    check.add_argument("--stdin-filename", metavar="NAME",
                       help="the name of the file read from stdin (for messages and config)")
    shows = check.add_mutually_exclusive_group()
    shows.add_argument("--show-files", action="store_true",
                       help="list the files that would be checked, and exit")
    shows.add_argument("--show-settings", action="store_true",
                       help="print the settings in effect, and exit")

    listing = commands.add_parser("rules", help="list every rule", formatter_class=_Formatter)
    listing.add_argument("--format", choices=("text", "json"), default="text")
    one = commands.add_parser("rule", help="show a rule's documentation", formatter_class=_Formatter)
    one.add_argument("code", metavar="CODE")
    if with_reconcile:
        from loopsafe.linter.reconcile import command as reconcile

        reconcile.register(commands)
    return parser


# --- check -------------------------------------------------------------------------------------

def stdin_name(args: argparse.Namespace) -> str | None:
    """The name the source read from stdin goes by, or None when files are checked."""
    if args.paths == [STDIN] or (not args.paths and args.stdin_filename):
        return args.stdin_filename or STDIN
    if STDIN in args.paths:
        raise UsageError("'-' (stdin) cannot be combined with other paths")
    return None


class _Run:
    """Lints the requested files (or stdin) and can lint them again after fixes."""

    def __init__(self, paths: Sequence[str], stdin: str | None, settings: Settings,
                 sources: SourceCache):
        self.settings = settings
        self.sources = sources
        self.stdin_name = stdin
        if stdin is not None:
            sources.put(stdin, sys.stdin.buffer.read())
        self.paths = paths or ["."]
        self.stamps = None  # the files the last lint read, with their stamps (not for stdin)

    def lint(self, seen: warm.Inputs | None = None) -> tuple[list[Diagnostic], int]:
        """The findings, sorted, and the number of files read; ``seen`` records what
        they depended on."""
        from pathlib import Path

        from loopsafe.linter.discovery import force_excluded
        from loopsafe.linter.engine import lint_paths, lint_source

        if self.stdin_name is not None:
            if force_excluded(Path(self.stdin_name), self.settings):
                return [], 0  # an editor sends every buffer; an excluded one is left alone
            text = self.sources.text(self.stdin_name)
            source = self.sources.encode(self.stdin_name, text)
            return lint_source(source, self.stdin_name, self.settings), 1
        result = lint_paths(self.paths, self.settings, seen)
        self.stamps = result.stamps
        return list(result.diagnostics), result.files

    def save(self, change: FileFix) -> None:
        if self.stdin_name is None:
            self.sources.write(change.path, change.after)
        else:
            self.sources.put(change.path, self.sources.encode(change.path, change.after))


def _fix(run: _Run, diagnostics: list[Diagnostic], files: int) -> tuple[list[Diagnostic], int, int]:
    """Apply fixes pass after pass; the remaining findings, files read, findings fixed."""
    from loopsafe.linter import fixes

    fixed = 0
    for _ in range(MAX_FIX_PASSES):
        changes = fixes.plan(diagnostics, run.sources.text)
        if not changes:
            break
        for change in changes:
            run.save(change)
        fixed += sum(change.applied for change in changes)
        diagnostics, files = run.lint()
    return diagnostics, files, fixed


def _emit(text: str, output_file: str | None, stream) -> None:
    if output_file is None:
        stream.write(text)
        return
    try:
        with open(output_file, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise UsageError(f"{output_file}: cannot write report: {exc.strerror or exc}") from None


def use_color(stream, output_file: str | None) -> bool:
    """Colour only for a terminal, unless ``NO_COLOR`` forbids it or ``FORCE_COLOR`` asks
    for it anyway (CI logs render ANSI but are not terminals); see no-color.org."""
    if output_file is not None or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "0") not in ("", "0"):
        return True
    return stream.isatty()


def _note(args: argparse.Namespace, text: str) -> None:
    """A line for people on stderr, which ``--quiet`` leaves out."""
    if not args.quiet:
        print(text, file=sys.stderr)


def _rules() -> tuple:
    from loopsafe.linter import rules

    return tuple(rules.ALL_RULES)


def check(args: argparse.Namespace) -> int:
    from pathlib import Path

    from loopsafe.linter import baseline, config, stamps
    from loopsafe.linter.discovery import iter_python_files
    from loopsafe.linter.reporters import Report, render, statistics
    from loopsafe.linter.reporters.text import plural
    from loopsafe.linter.sources import SourceCache

    start = time.perf_counter()
    if args.statistics and args.format not in statistics.FORMATS:
        raise UsageError(f"--statistics works with --format {' or '.join(statistics.FORMATS)}, "
                         f"not {args.format}")
    stdin = stdin_name(args)
    seen = warm.Inputs() if warm.replayable(args) else None
    # the configuration is searched for from the first file checked
    settings = config.resolve(Path(stdin or (args.paths[0] if args.paths else ".")), config.Overrides(
        config=Path(args.config) if args.config else None, select=args.select, ignore=args.ignore or (),
        extend_select=args.extend_select or (), jobs=args.jobs, cache=not args.no_cache,
        exclude=args.exclude, extend_exclude=args.extend_exclude or (),
        force_exclude=args.force_exclude, respect_gitignore=args.respect_gitignore,
        min_confidence=args.min_confidence), seen)
    if args.show_settings:
        sys.stdout.write(config.describe(settings))
        return EXIT_CLEAN
    if args.show_files:
        for file in iter_python_files(args.paths or ["."], settings):
            print(file)
        return EXIT_CLEAN
    if args.baseline and seen is not None:
        seen.file(args.baseline, stamps.of(args.baseline))
    known = baseline.load(args.baseline) if args.baseline else None
    sources = SourceCache()
    run = _Run(args.paths, stdin, settings, sources)
    diagnostics, files = run.lint(seen)

    if args.diff:
        from loopsafe.linter import fixes

        changes = fixes.plan(diagnostics, sources.text)
        _emit("".join(fixes.unified_diff(c) for c in changes), args.output_file, sys.stdout)
        _note(args, f"Would fix {plural(sum(c.applied for c in changes), 'finding')}.")
        return EXIT_FINDINGS if changes and not args.exit_zero else EXIT_CLEAN

    fixed = 0
    if args.fix:
        diagnostics, files, fixed = _fix(run, diagnostics, files)
    if args.write_baseline:
        baseline.write(Path(args.write_baseline), diagnostics, settings, sources)
        _note(args, f"Wrote {plural(len(diagnostics), 'finding')} to the baseline {args.write_baseline}.")
        return EXIT_CLEAN
    found = len(diagnostics)
    if known is not None:
        diagnostics = baseline.new_findings(diagnostics, known, settings, sources)
    status = EXIT_FINDINGS if diagnostics and not args.exit_zero else EXIT_CLEAN

    # With --fix on stdin, stdout carries the fixed source, so the report goes to stderr.
    stdin_fix = args.fix and run.stdin_name is not None
    stream = sys.stderr if stdin_fix else sys.stdout
    color = use_color(stream, args.output_file)
    report = Report(diagnostics, files, time.perf_counter() - start, fixed=fixed,
                    baselined=found - len(diagnostics),
                    # the rules only for the formats that describe them
                    rules=_rules() if args.statistics or args.format == "sarif" else (),
                    color=color, quiet=args.quiet, elapsed_text=warm.PLACEHOLDER,
                    fingerprint=lambda d: baseline.fingerprint(d, settings, sources))
    if stdin_fix:
        sys.stdout.write(sources.text(run.stdin_name))
    text = (statistics.render(report, args.format) if args.statistics
            else render(args.format, report))
    _emit(text.replace(warm.PLACEHOLDER, ELAPSED.format(report.elapsed)), args.output_file, stream)
    if seen is not None and run.stamps is not None and settings.cache and settings.cache_dir is None:
        warm.record(args, color, seen, run.stamps, text, status, str(settings.root))
    return status


# --- rules and rule ----------------------------------------------------------------------------

def list_rules(args: argparse.Namespace) -> int:
    rules = _rules()
    if args.format == "json":
        import json

        sys.stdout.write(json.dumps([{"code": r.code, "name": r.name, "summary": r.summary,
                                      "fixable": bool(r.fixable)} for r in rules], indent=2) + "\n")
        return EXIT_CLEAN
    rows = [("CODE", "NAME", "FIX", "SUMMARY")] + [
        (r.code, r.name, "[*]" if r.fixable else "", r.summary) for r in rules]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row[:3], widths)) + "  " + row[3])
    return EXIT_CLEAN


def show_rule(args: argparse.Namespace) -> int:
    from loopsafe.linter import rule_pages, rules

    rule = rules.get(args.code.upper())
    if rule is None:
        raise UsageError(f"unknown rule code {args.code!r} (see `loopsafe rules`)")
    sys.stdout.write(rule_pages.page(rule))
    return EXIT_CLEAN


def reconcile(args: argparse.Namespace) -> int:
    from loopsafe.linter.reconcile import command

    return command.run(args)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": check, "rules": list_rules, "rule": show_rule, "reconcile": reconcile}


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(with_reconcile=argv[:1] != ["check"])
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        parser.print_usage(sys.stderr)
        print("loopsafe: error: a command is required (check, rules, rule)", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "check":  # nothing changed since the last such check: its report
            replayed = warm.replay(args, use_color(sys.stdout, args.output_file), started)
            if replayed is not None:
                return replayed
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"loopsafe: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (`loopsafe rules | head`): stop quietly, and keep Python's
        # final flush of stdout from raising again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FINDINGS

"""loopsafe and its peers on real async projects, and loopsafe's precision there, judged by hand.

The projects are pinned by exact version in `realworld/projects.toml` and split into a tuning
set (the engineers may study its findings) and a held-out set (they must not: it stands for the
real projects nobody tuned on). Each project's sdist is downloaded once with
`pip download --no-deps --no-binary :all: NAME==VERSION` into a cache folder outside the
repository (`~/.cache/loopsafe-bench`, or `$LOOPSAFE_BENCH_CACHE`), unpacked there, and every
tool checks the unpacked folder (see `linter_tools`). A tool that crashes, or a download that
fails, is recorded in the table and the run goes on.

Scoring: `realworld/verdicts.json` (tuning set) and `realworld/verdicts-heldout.json` hold hand
verdicts on loopsafe's findings: `real` (a maintainer would act on it), `wrong` (false) or
`debatable` (e.g. a test that blocks on purpose). Precision is real / (real + wrong): debatable
verdicts are shown in a column of their own and left out, which is how issue 8 counts
("38 real, 29 wrong, 68 debatable; precision 0.57"). A stricter figure, real / judged, is shown
beside it.

    python bench/realworld.py                        # both sets, all tools: the table
    python bench/realworld.py --set tuning --tools loopsafe,ruff
    python bench/realworld.py --score                # loopsafe only, precision against the verdicts
    python bench/realworld.py --score --reuse        # score the reports the last run of this loopsafe saved
    python bench/realworld.py --set tuning --dump-unjudged todo.json   # findings still to judge
    python bench/realworld.py --score --loopsafe /path/to/other/venv/bin/loopsafe   # another install
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

import linter_tools
from linter_tools import FAMILIES, Finding, Run, Tool

DATA = Path(__file__).resolve().parent / "realworld"
PINS = DATA / "projects.toml"
SETS = ("tuning", "heldout")
VERDICT_FILES = {"tuning": "verdicts.json", "heldout": "verdicts-heldout.json"}
VERDICTS = ("real", "wrong", "debatable")
DEFAULT_CACHE = Path(os.environ.get("LOOPSAFE_BENCH_CACHE") or Path.home() / ".cache" / "loopsafe-bench")


@dataclass(frozen=True)
class Project:
    name: str
    version: str
    set: str
    kind: str = ""

    @property
    def label(self) -> str:
        return f"{self.name}-{self.version}"


def load_projects(path: Path = PINS) -> list[Project]:
    """The pinned projects; a malformed entry is an error that names it."""
    try:
        entries = tomllib.loads(path.read_text())["project"]
    except (OSError, tomllib.TOMLDecodeError, KeyError) as exc:
        raise SystemExit(f"{path}: cannot read the project list ({exc})") from None
    projects = []
    for i, entry in enumerate(entries, 1):
        where = f"{path}: project {i} ({entry.get('name', '?')})"
        missing = [key for key in ("name", "version", "set") if not isinstance(entry.get(key), str)]
        if missing:
            raise SystemExit(f"{where}: missing {', '.join(missing)}")
        if entry["set"] not in SETS:
            raise SystemExit(f"{where}: set must be one of {', '.join(SETS)}, not {entry['set']!r}")
        projects.append(Project(entry["name"], entry["version"], entry["set"], entry.get("kind", "")))
    names = Counter(p.name for p in projects)
    if dupes := [n for n, k in names.items() if k > 1]:
        raise SystemExit(f"{path}: listed twice: {', '.join(dupes)}")
    return projects


# --- the sources -------------------------------------------------------------------------


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def find_sdist(project: Project, folder: Path) -> Path | None:
    want = f"{_normalise(project.name)}-{project.version}"
    for path in sorted(folder.glob("*")) if folder.is_dir() else ():
        stem = path.name.removesuffix(".tar.gz").removesuffix(".zip")
        if stem != path.name and _normalise(stem.rsplit("-", 1)[0]) + "-" + stem.rsplit("-", 1)[-1] == want:
            return path
    return None


def download(project: Project, cache: Path) -> Path:
    """The project's sdist, from the cache or downloaded into it (source only, no dependencies)."""
    folder = cache / "sdists"
    if found := find_sdist(project, folder):
        return found
    folder.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
            f"{project.name}=={project.version}", "--dest", str(folder)]
    done = subprocess.run(argv, capture_output=True, text=True)
    found = find_sdist(project, folder)
    if found is None:
        lines = [ln for ln in (done.stderr or done.stdout).splitlines() if ln.strip() and not ln.startswith("WARNING")]
        raise RuntimeError(f"pip download failed: {lines[-1].strip() if lines else f'exit status {done.returncode}'}")
    return found


def unpack(sdist: Path, into: Path) -> Path:
    """The sdist's top folder, unpacked under `into` once (a `.complete` mark says it was).
    It is unpacked beside and renamed into place, so two runs sharing the cache never see
    half a tree."""
    if not (into / ".complete").exists():
        staging = into.with_name(f".{into.name}.{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        if sdist.name.endswith(".zip"):
            with zipfile.ZipFile(sdist) as archive:
                archive.extractall(staging)
        else:
            with tarfile.open(sdist) as archive:
                if hasattr(tarfile, "data_filter"):
                    archive.extractall(staging, filter="data")
                else:  # an old 3.10 without extraction filters
                    archive.extractall(staging)
        (staging / ".complete").touch()
        if into.exists() and not (into / ".complete").exists():
            shutil.rmtree(into)  # left half-done by an interrupted run
        try:
            staging.rename(into)
        except OSError:  # another run put it in place first
            shutil.rmtree(staging)
    tops = [p for p in into.iterdir() if p.is_dir()]
    return tops[0] if len(tops) == 1 else into


def source_folder(project: Project, cache: Path) -> Path:
    return unpack(download(project, cache), cache / "src" / project.label)


def python_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if p.is_file())


def count_lines(files: list[Path]) -> int:
    total = 0
    for path in files:
        with open(path, "rb") as fh:
            total += sum(1 for _ in fh)
    return total


# --- loopsafe's report, in full --------------------------------------------------------------


@dataclass(frozen=True)
class LoopsafeFinding(Finding):
    """A loopsafe finding with what judging and matching need beyond (path, line, code)."""

    message: str = ""
    trace: tuple[str, ...] = ()
    root: str = ""  # "path:line" of the blocking call at the end of the trace; "" for a direct call
    confidence: str | None = None


_LOCATION = re.compile(r"^(\S+?:\d+)")


def root_of(diagnostic: dict) -> str:
    """Where the finding's trace ends, as "path:line": from `root` when the report gives one
    (a string or an object with path and line), else from the trace's last step."""
    root = diagnostic.get("root")
    if isinstance(root, dict) and "path" in root and "line" in root:
        return f"{linter_tools._relative(root['path'])}:{root['line']}"
    if isinstance(root, str) and (m := _LOCATION.match(root)):
        return m.group(1)
    trace = diagnostic.get("trace") or []
    return m.group(1) if trace and (m := _LOCATION.match(trace[-1])) else ""


def parse_loopsafe(out: str, folder: Path) -> tuple[list[Finding], int | None]:
    report = json.loads(out)
    found = [
        LoopsafeFinding(
            linter_tools._relative(d["path"]), d["line"], d["code"], d.get("message", ""),
            tuple(d.get("trace") or ()), root_of(d), d.get("confidence"),
        )
        for d in report["diagnostics"]
    ]
    return found, report["summary"]["files"]


def tools(loopsafe_exe: str | None = None, flake8_exe: str | None = None) -> dict[str, Tool]:
    plain = linter_tools.loopsafe()
    if loopsafe_exe:  # another install, e.g. the linter as it was before a change
        plain = dataclasses.replace(plain, argv=[loopsafe_exe] + plain.argv[1:])
    flake8 = linter_tools.flake8()
    if flake8_exe:  # one without loopsafe's own flake8 adapter, which flake8 would run too
        flake8 = dataclasses.replace(flake8, argv=[flake8_exe] + flake8.argv[1:])
    return {
        "loopsafe": dataclasses.replace(plain, parse=parse_loopsafe),
        "ruff": linter_tools.ruff(),
        # --isolated: the projects' own flake8 settings (setup.cfg, tox.ini) would exclude files.
        "flake8-async": dataclasses.replace(flake8, argv=flake8.argv[:1] + ["--isolated"] + flake8.argv[1:]),
        "hydroid-cli": linter_tools.hydroid(),
    }


# --- where a finding is -----------------------------------------------------------------------

_TEST_DIR = re.compile(r"^(tests?|testing|test_.+|.+_tests?)$")


def in_tests(path: str) -> bool:
    """A test file: under a tests folder, or named test_*.py, *_test.py or conftest.py."""
    parts = PurePosixPath(path).parts
    name = parts[-1] if parts else ""
    return (
        any(_TEST_DIR.match(part) for part in parts[:-1])
        or name.startswith("test_") or name.endswith("_test.py") or name == "conftest.py"
    )


def line_text(folder: Path, path: str, line: int) -> str:
    try:
        with open(folder / path, encoding="utf-8", errors="replace") as fh:
            for number, text in enumerate(fh, 1):
                if number == line:
                    return text.strip()
    except OSError:
        pass
    return ""


def key_of(project: Project, finding: LoopsafeFinding) -> tuple:
    """What a verdict is matched on. The source is pinned, so (path, line) stays put across
    runs; the root tells apart two findings on one line that end in different blocking calls."""
    return (project.name, project.version, finding.path, finding.line, finding.code, finding.root)


def record_of(project: Project, finding: LoopsafeFinding, folder: Path) -> dict:
    """A finding as stored with its verdict (and as dumped for judging)."""
    return {
        "project": project.name, "version": project.version, "path": finding.path, "line": finding.line,
        "code": finding.code, "root": finding.root, "text": line_text(folder, finding.path, finding.line),
        "in_tests": in_tests(finding.path),
    }


# --- the run -------------------------------------------------------------------------------


@dataclass
class ProjectRun:
    project: Project
    files: int = 0
    lines: int = 0
    problem: str | None = None  # the sources could not be had
    runs: dict[str, Run] = dataclasses.field(default_factory=dict)


def run_project(project: Project, chosen: list[Tool], cache: Path, time_limit: float) -> ProjectRun:
    result = ProjectRun(project)
    try:
        folder = source_folder(project, cache)
    except (RuntimeError, OSError, tarfile.TarError, zipfile.BadZipFile) as exc:
        result.problem = f"sources: {exc}"
        return result
    files = python_files(folder)
    result.files, result.lines = len(files), count_lines(files)
    for tool in chosen:
        result.runs[tool.name] = linter_tools.run(tool, folder, time_limit)
    return result


def reports_folder(cache: Path, tool: Tool) -> Path:
    """Where loopsafe's findings are kept for `--reuse`: one folder per loopsafe install, so
    runs of different installs (before/after, other engineers') never overwrite each other."""
    install = hashlib.sha1(os.path.realpath(tool.argv[0]).encode()).hexdigest()[:10]
    return cache / "runs" / install


def save_report(folder: Path, project: Project, run: Run) -> None:
    """loopsafe's findings, kept for `--score --reuse` and for judging."""
    folder.mkdir(parents=True, exist_ok=True)
    data = {"problem": run.problem, "findings": [dataclasses.asdict(f) for f in run.findings]}
    (folder / f"{project.label}.json").write_text(json.dumps(data))


def load_report(folder: Path, project: Project) -> Run:
    path = folder / f"{project.label}.json"
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise SystemExit(f"{path}: no saved loopsafe report to reuse ({exc}); run without --reuse") from None
    findings = [LoopsafeFinding(**{**f, "trace": tuple(f["trace"])}) for f in data["findings"]]
    return Run(findings, 0.0, 0.0, None, data["problem"])


# --- the table -----------------------------------------------------------------------------


def row_counts(tool: Tool, findings: list[Finding]) -> dict[str, int]:
    families = Counter(tool.family(f.code) or "other" for f in findings)
    tests = sum(in_tests(f.path) for f in findings)
    counts = {"findings": len(findings), **{fam: families[fam] for fam in (*FAMILIES, "other")},
              "tests": tests, "outside": len(findings) - tests}
    roots = {f.root or f"{f.path}:{f.line}" for f in findings if isinstance(f, LoopsafeFinding)}
    counts["roots"] = len(roots) if roots or tool.name == "loopsafe" else None
    return counts


COLUMNS = ("findings", *FAMILIES, "other", "tests", "outside", "roots")


def table(results: list[ProjectRun], chosen: list[Tool]) -> str:
    header = f"{'project':<28} {'lines':>7}  {'tool':<13}" + "".join(f"{c:>9}" for c in COLUMNS) + f"{'wall s':>9}  problem"
    out = [header, "-" * len(header)]
    totals: dict[str, Counter] = defaultdict(Counter)
    walls: Counter = Counter()
    lines = 0
    for result in results:
        lines += result.lines
        label = f"{result.project.label} [{result.project.set[0]}]"
        if result.problem:
            out.append(f"{label:<28} {'':>7}  {'':<13}{'':>81}  {result.problem}")
            continue
        for tool in chosen:
            run = result.runs[tool.name]
            counts = row_counts(tool, run.findings)
            totals[tool.name].update({k: v for k, v in counts.items() if v is not None and k != "roots"})
            walls[tool.name] += run.wall
            cells = "".join(f"{'' if counts[c] is None else counts[c]:>9}" for c in COLUMNS)
            out.append(f"{label:<28} {result.lines:>7}  {tool.name:<13}{cells}{run.wall:>9.1f}  {run.problem or ''}")
            label = ""
    out.append("-" * len(header))
    base = walls.get("loopsafe")
    for tool in chosen:
        t = totals[tool.name]
        cells = "".join(f"{t[c]:>9}" for c in COLUMNS[:-1]) + f"{'':>9}"
        out.append(f"{'total':<28} {lines:>7}  {tool.name:<13}{cells}{walls[tool.name]:>9.1f}")
    out.append("")
    out.append("ratios: findings per 10k lines; wall time relative to loopsafe's")
    for tool in chosen:
        t = totals[tool.name]
        per = t["findings"] * 10_000 / lines if lines else 0.0
        share = f"{t['tests'] / t['findings']:.0%} in tests" if t["findings"] else "-"
        rel = f"{walls[tool.name] / base:.2f}x" if base else "-"
        out.append(f"  {tool.name:<13} {per:7.2f} findings/10k lines, {share:>13}, time {rel}")
    return "\n".join(out)


# --- scoring -------------------------------------------------------------------------------


def load_verdicts(path: Path) -> list[dict]:
    """The stored verdicts; a malformed one is an error naming its index and the problem."""
    if not path.exists():
        return []
    try:
        entries = json.loads(path.read_text())["verdicts"]
    except (OSError, ValueError, KeyError) as exc:
        raise SystemExit(f"{path}: cannot read the verdicts ({exc})") from None
    for i, entry in enumerate(entries):
        missing = [k for k in ("project", "version", "path", "line", "code", "root", "verdict", "reason") if k not in entry]
        if missing:
            raise SystemExit(f"{path}: verdict {i}: missing {', '.join(missing)}")
        if entry["verdict"] not in VERDICTS:
            raise SystemExit(f"{path}: verdict {i} ({entry['path']}:{entry['line']}): verdict must be one of "
                             f"{', '.join(VERDICTS)}, not {entry['verdict']!r}")
    return entries


def verdict_key(entry: dict) -> tuple:
    return (entry["project"], entry["version"], entry["path"], entry["line"], entry["code"], entry["root"])


# The scopes precision is given for. LS202 (get_event_loop() where get_running_loop() is meant)
# is nearly always right and nearly always trivial, so it is also shown without it, as issue 8 does.
SCOPES = (("all", "overall"), ("outside", "outside tests"), ("no LS202", "without LS202"))


@dataclass
class Score:
    counts: dict[str, Counter]  # scope (see SCOPES) -> verdict or "unjudged" -> n
    gone: dict[str, list[dict]]  # verdict -> judged findings no longer reported
    kept: dict[str, list[dict]]  # verdict -> judged findings still reported
    loose: int  # matched on (path, line, code) only: the root moved


def score(current: dict[Project, list[LoopsafeFinding]], verdicts: list[dict]) -> Score:
    """Match the current findings to the verdicts: exactly, or, when the root changed, on
    (path, line, code) if every verdict there agrees."""
    exact = {verdict_key(v): v for v in verdicts}
    by_place: dict[tuple, list[dict]] = defaultdict(list)
    for v in verdicts:
        by_place[verdict_key(v)[:5]].append(v)
    counts = {scope: Counter() for scope, _ in SCOPES}
    matched: set[int] = set()
    loose = 0
    for project, findings in current.items():
        for finding in findings:
            key = key_of(project, finding)
            entry = exact.get(key)
            if entry is None:
                near = by_place.get(key[:5], [])
                if near and len({v["verdict"] for v in near}) == 1:
                    entry, loose = near[0], loose + 1
            kind = entry["verdict"] if entry else "unjudged"
            if entry:
                matched.add(id(entry))
            counts["all"][kind] += 1
            if not in_tests(finding.path):
                counts["outside"][kind] += 1
            if finding.code != "LS202":
                counts["no LS202"][kind] += 1
    scored = {(p.name, p.version) for p in current}
    gone, kept = defaultdict(list), defaultdict(list)
    for v in verdicts:
        if (v["project"], v["version"]) in scored:
            (kept if id(v) in matched else gone)[v["verdict"]].append(v)
    return Score(counts, gone, kept, loose)


def precision(c: Counter) -> str:
    judged = c["real"] + c["wrong"]
    return f"{c['real'] / judged:.2f}" if judged else "-"


def strict_precision(c: Counter) -> str:
    judged = c["real"] + c["wrong"] + c["debatable"]
    return f"{c['real'] / judged:.2f}" if judged else "-"


def score_report(name: str, result: Score) -> str:
    out = [f"== {name} ==",
           f"{'scope':<16}{'findings':>9}{'real':>6}{'wrong':>6}{'debat.':>7}{'unjudged':>9}"
           f"{'precision':>11}{'strict':>8}"]
    for scope, label in SCOPES:
        c = result.counts[scope]
        out.append(f"{label:<16}{sum(c.values()):>9}{c['real']:>6}{c['wrong']:>6}{c['debatable']:>7}"
                   f"{c['unjudged']:>9}{precision(c):>11}{strict_precision(c):>8}")
    out.append("precision = real / (real + wrong), debatable left out (issue 8's definition); "
               "strict = real / (real + wrong + debatable)")
    for verdict in VERDICTS:
        was = len(result.kept[verdict]) + len(result.gone[verdict])
        if was:
            out.append(f"judged {verdict} still reported: {len(result.kept[verdict])}/{was} "
                       f"({len(result.kept[verdict]) / was:.0%})")
    if result.loose:
        out.append(f"{result.loose} findings matched a verdict on (path, line, code) only: their root moved")
    for label, entries in (("real finding no longer reported (recall loss)", result.gone["real"]),
                           ("wrong finding still reported", result.kept["wrong"])):
        for v in sorted(entries, key=verdict_key):
            out.append(f"  {label}: {v['project']} {v['path']}:{v['line']} {v['code']} - {v['reason']}")
    return "\n".join(out)


def dump_unjudged(path: Path, current: dict[Project, list[LoopsafeFinding]], verdicts: list[dict], cache: Path) -> int:
    """Write the findings no verdict matches, with their message and trace, to judge them."""
    known = {verdict_key(v) for v in verdicts}
    todo = []
    for project, findings in current.items():
        folder = source_folder(project, cache)
        for f in findings:
            if key_of(project, f) not in known:
                todo.append({**record_of(project, f, folder), "message": f.message, "trace": list(f.trace)})
    path.write_text(json.dumps(todo, indent=1))
    return len(todo)


# --- command line --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=(*SETS, "all"), default="all", help="which projects (default: all)")
    parser.add_argument("--projects", help="comma-separated names: only these")
    parser.add_argument("--tools", default="loopsafe,ruff,flake8-async,hydroid-cli", help="comma-separated subset")
    parser.add_argument("--score", action="store_true", help="score loopsafe against the stored verdicts")
    parser.add_argument("--reuse", action="store_true", help="with --score: the loopsafe reports the last run saved")
    parser.add_argument("--dump-unjudged", type=Path, metavar="FILE", help="write the findings without a verdict")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help=f"download folder (default {DEFAULT_CACHE})")
    parser.add_argument("--pins", type=Path, default=PINS, help="project list (default: realworld/projects.toml)")
    parser.add_argument("--verdicts", type=Path, default=DATA, help="folder of the verdict files")
    parser.add_argument("--loopsafe", metavar="EXE", help="the loopsafe to run (default: this interpreter's); "
                        "another install's gives before/after figures")
    parser.add_argument("--flake8", metavar="EXE", help="the flake8 to run (default: this interpreter's, which "
                        "also runs loopsafe's flake8 adapter on every file)")
    parser.add_argument("--time-limit", type=float, default=900.0, help="seconds per tool and project")
    args = parser.parse_args(argv)

    available = tools(args.loopsafe, args.flake8)
    chosen_names = ["loopsafe"] if args.score or args.dump_unjudged else [
        n.strip() for n in args.tools.split(",") if n.strip()]
    if unknown := [n for n in chosen_names if n not in available]:
        parser.error(f"unknown tool(s) {', '.join(unknown)}; choose from {', '.join(available)}")
    chosen = [available[n] for n in chosen_names]

    projects = [p for p in load_projects(args.pins) if args.set in ("all", p.set)]
    if args.projects:
        wanted = {n.strip() for n in args.projects.split(",")}
        if unknown := wanted - {p.name for p in projects}:
            parser.error(f"not in the chosen set: {', '.join(sorted(unknown))}")
        projects = [p for p in projects if p.name in wanted]

    reports = reports_folder(args.cache, available["loopsafe"])
    results = []
    for project in projects:
        if args.reuse:
            result = ProjectRun(project, runs={"loopsafe": load_report(reports, project)})
        else:
            print(f"{project.label}: {', '.join(chosen_names)}", file=sys.stderr, flush=True)
            result = run_project(project, chosen, args.cache, args.time_limit)
            if "loopsafe" in result.runs:
                save_report(reports, project, result.runs["loopsafe"])
        results.append(result)

    problems = [f"{r.project.label}: {r.problem}" for r in results if r.problem] + [
        f"{r.project.label}: {name}: {run.problem}" for r in results for name, run in r.runs.items() if run.problem]
    if not (args.score or args.dump_unjudged):
        print(table(results, chosen))
    else:
        for which in SETS:
            # A project whose run failed is scored with no findings: its real ones count as lost.
            current = {r.project: r.runs["loopsafe"].findings for r in results
                       if r.project.set == which and "loopsafe" in r.runs}
            if not current:
                continue
            verdicts = load_verdicts(args.verdicts / VERDICT_FILES[which])
            if args.dump_unjudged:
                target = args.dump_unjudged.with_name(f"{args.dump_unjudged.stem}-{which}{args.dump_unjudged.suffix}")
                print(f"{which}: {dump_unjudged(target, current, verdicts, args.cache)} unjudged findings -> {target}")
            if args.score:
                print(score_report(f"{which} set ({len(current)} projects, {VERDICT_FILES[which]})",
                                   score(current, verdicts)))
    for problem in problems:
        print(f"problem: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""The linters the benchmarks compare, and how to run each one and read its report.

Both benchmarks (accuracy on the labelled corpus, speed on the standard library) run the
same commands, so the commands, the report parsers and the mapping of each tool's codes onto
loopsafe's rule families live here once.

Every tool is run in a subprocess with the folder to check as its working directory and `.`
as its argument, so that paths in every report are relative to that folder and no tool picks
up a configuration from the loopsafe repository itself.
"""

from __future__ import annotations

import json
import os
import re
import resource
import signal
import shutil
import subprocess
import sysconfig
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

# A finding is scored by family only: LS1 (blocking call on the loop), LS2 (loop and thread
# misuse), LS3 (processes). A code that maps to no family is counted apart, never scored.
FAMILIES = ("LS1", "LS2", "LS3")


@dataclass(frozen=True)
class Finding:
    path: str  # POSIX path relative to the checked folder
    line: int
    code: str


@dataclass
class Run:
    """One timed run of one tool over one folder."""

    findings: list[Finding]
    wall: float
    cpu: float  # user + system time of the tool and all its processes (see SessionUsage)
    files: int | None  # as the tool itself counted them, when its report says
    problem: str | None = None  # why the run did not complete, if it did not
    memory: float | None = None  # peak MB of the tool's processes together (see SessionUsage)


@dataclass(frozen=True)
class Tool:
    name: str
    argv: list[str]
    parse: Callable[[str, Path], tuple[list[Finding], int | None]]
    family: Callable[[str], str | None]
    ok_status: tuple[int, ...] = (0, 1)


def _relative(path: str) -> str:
    return Path(os.path.normpath(path)).as_posix().removeprefix("./")


def _parse_loopsafe(out: str, folder: Path) -> tuple[list[Finding], int | None]:
    report = json.loads(out)
    found = [Finding(_relative(d["path"]), d["line"], d["code"]) for d in report["diagnostics"]]
    return found, report["summary"]["files"]


def _parse_ruff(out: str, folder: Path) -> tuple[list[Finding], int | None]:
    # ruff reports absolute file names.
    found = [
        Finding(_relative(os.path.relpath(os.path.realpath(d["filename"]), os.path.realpath(folder))), d["location"]["row"], d["code"] or "syntax-error")
        for d in json.loads(out)
    ]
    return found, None


FLAKE8_FORMAT = "%(path)s\t%(row)d\t%(col)d\t%(code)s"
_FLAKE8_FILES = re.compile(r"^(\d+)\s+total files processed$", re.M)


def _parse_flake8(out: str, folder: Path) -> tuple[list[Finding], int | None]:
    found = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) == 4 and parts[1].isdigit():
            found.append(Finding(_relative(parts[0]), int(parts[1]), parts[3]))
    files = _FLAKE8_FILES.search(out)  # from --benchmark
    return found, int(files.group(1)) if files else None


def _parse_hydroid(out: str, folder: Path) -> tuple[list[Finding], int | None]:
    report = json.loads(out)
    found = [
        Finding(_relative(d["location"]["path"]), d["location"]["line"], "hydroid:" + d["sink"]["category"])
        for d in report["diagnostics"]
    ]
    return found, report["stats"]["files"]


def _loopsafe_family(code: str) -> str | None:
    family = code[:3]
    return family if family in FAMILIES else None  # LS001 (unreadable file) is not scored


def _async_family(code: str) -> str | None:
    """flake8-async and ruff's port of it: ASYNC2xx are the blocking-call rules (sleep, HTTP,
    subprocess, open, path methods, input) and map to LS1. ASYNC1xx, 3xx, 4xx and 9xx are
    about cancellation scopes, checkpoints and trio/anyio idioms, which no loopsafe family
    covers, so they are counted apart."""
    return "LS1" if re.fullmatch(r"ASYNC2\d\d", code) else None


def _hydroid_family(code: str) -> str | None:
    # hydroid reports one thing only: a blocking call reachable on the event loop.
    return "LS1"


def _script(name: str) -> str:
    """The console script installed with this interpreter, called directly: `python -m` would
    put the checked folder (the working directory) first on sys.path, where a copy of the
    standard library shadows the real one, and a pyenv shim would add its own start-up to
    every timing."""
    installed = Path(sysconfig.get_path("scripts")) / name
    found = str(installed) if installed.is_file() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name}: not installed (looked in {installed.parent} and on PATH)")
    return found


def loopsafe(cache: bool = False) -> Tool:
    argv = [_script("loopsafe"), "check", "--format", "json"]
    return Tool(
        "loopsafe" + ("" if not cache else " (warm)"),
        argv + ([] if cache else ["--no-cache"]) + ["."],
        _parse_loopsafe,
        _loopsafe_family,
    )


def ruff() -> Tool:
    # --isolated: no ruff configuration from the user's home or a parent folder.
    return Tool(
        "ruff",
        [_script("ruff"), "check", "--select", "ASYNC", "--output-format", "json", "--no-cache", "--isolated", "--exit-zero", "."],
        _parse_ruff,
        _async_family,
        ok_status=(0,),
    )


def flake8(exclude: list[str] = ()) -> Tool:
    # flake8 runs every installed plugin whatever --select says (pyflakes, pycodestyle and
    # loopsafe's own LS adapter too); --select only filters what is printed.
    argv = [_script("flake8"), "--select", "ASYNC", f"--format={FLAKE8_FORMAT}", "--benchmark", "--exit-zero"]
    if exclude:
        argv.append("--extend-exclude=" + ",".join(exclude))
    return Tool("flake8-async", argv + ["."], _parse_flake8, _async_family, ok_status=(0,))


def hydroid() -> Tool:
    return Tool("hydroid-cli", [_script("hydroid"), "--no-cache", "--format", "json", "."], _parse_hydroid, _hydroid_family)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class SessionUsage(threading.Thread):
    """Samples, every `interval` seconds, the CPU time and resident memory of every process
    in one session.

    The rusage of our children does not cover a tool's workers when they hang under a
    multiprocessing fork server that nobody waits for (loopsafe's do), so the tool runs in a
    session of its own and the own time (no children's) of each of its processes is summed, at
    the last value seen. Memory is the largest sum of the processes' resident sizes seen at
    one sample. A process that lives less than `interval` may be missed; the workers that do
    the work live for the whole run, and `run` adds the exact peak of the largest process."""

    def __init__(self, session: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.session, self.interval = session, interval
        self.seen: dict[int, float] = {}
        self.peak = 0  # bytes
        self.done = threading.Event()
        self.tick = os.sysconf("SC_CLK_TCK")
        self.page = os.sysconf("SC_PAGE_SIZE")

    def run(self) -> None:
        while not self.done.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        resident = 0
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as fh:
                    fields = fh.read().rsplit(b")", 1)[1].split()
            except OSError:  # the process ended between listing and reading
                continue
            if int(fields[3]) == self.session:  # [3] the session, [11]/[12] utime/stime, [21] rss
                self.seen[int(entry.name)] = (int(fields[11]) + int(fields[12])) / self.tick
                resident += int(fields[21]) * self.page
        self.peak = max(self.peak, resident)

    def total(self) -> float:
        self.done.set()
        self.join()
        return sum(self.seen.values())


def run(tool: Tool, folder: Path, time_limit: float | None = None) -> Run:
    """Run `tool` over `folder`; a crash, a bad exit status or the time limit is reported in
    `Run.problem` rather than raised, so one broken peer does not stop the benchmark."""
    cpu0, t0 = _children_cpu(), time.perf_counter()
    # Its own session, so that on timeout the tool's worker processes go with it. Its output
    # goes to files and it is reaped with wait4, whose rusage has its peak memory.
    with tempfile.TemporaryFile("w+") as out_file, tempfile.TemporaryFile("w+") as err_file:
        proc = subprocess.Popen(tool.argv, cwd=folder, stdout=out_file, stderr=err_file, text=True,
                                start_new_session=True)
        sampler = SessionUsage(proc.pid)
        sampler.start()
        timer = threading.Timer(time_limit, os.killpg, (proc.pid, signal.SIGKILL)) if time_limit else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - t0
        timed_out = timer is not None and timer.finished.is_set()  # set before cancel() only if it fired
        if timer:
            timer.cancel()
        # Whichever sees more: rusage is exact for what the tool waited for, the sampler sees the rest.
        cpu = max(_children_cpu() - cpu0, sampler.total())
        memory = max(sampler.peak, usage.ru_maxrss * 1024) / 2**20
        out_file.seek(0), err_file.seek(0)
        out, err = out_file.read(), err_file.read()
    if timed_out:
        return Run([], wall, cpu, None, f"stopped at the time limit ({time_limit:.0f}s)", memory)
    if proc.returncode not in tool.ok_status or "Traceback (most recent call last)" in err:
        # Some tools (flake8) report a fatal error on standard output.
        return Run([], wall, cpu, None, f"exit status {proc.returncode}: {_last_error_line(err or out)}", memory)
    try:
        findings, files = tool.parse(out, folder)
    except (ValueError, KeyError) as exc:
        return Run([], wall, cpu, None, f"unreadable report ({exc}): {_last_error_line(err)}", memory)
    return Run(findings, wall, cpu, files, memory=memory)


def _last_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    return lines[-1].strip() if lines else "no message"

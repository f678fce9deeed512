"""The analysis behind a check: files -> per-file facts (parallel, cached) -> project
pass -> rules -> positions -> diagnostics. ``engine`` imports it only when something
must be analysed: it loads the rules. Files are parsed with Python's ``ast``; libcst is
not imported here (fixes are text edits at the positions the facts carry).

Only the per-file pass is spread over processes: it is most of the cost and
needs nothing from other files. The project pass and the rules work on the
small picklable facts. Positions come with the facts, for the nodes that can be reported.
"""

from __future__ import annotations

import ast
import gc
import io
import os
import stat
import sys
import threading
import tokenize
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import Iterator, Sequence

from .analysis import codec
from .analysis.facts import NEW_IMPORT, FileFacts, RawFinding
from .analysis.file_pass import analyse
from .analysis.modules import module_name
from .analysis.positions import Span, locate
from .analysis.project import Project
from .cache import FactsCache, code_fingerprint
from .diagnostics import Diagnostic, Edit, Fix, display_path
from .fixes import import_edit
from .noqa import UNUSED, Suppressions
from .rules import FILE_RULES, PROJECT_RULES
from .settings import Settings
from .sources import SourceFile

UNREADABLE = "LS001"
_PARALLEL_MIN_FILES = 40  # below this, starting workers costs more than it saves
_FILES_PER_WORKER = 8  # fewer files than this for each worker: fewer workers
_RUNNING = f"{sys.version_info.major}.{sys.version_info.minor}"


@dataclass(frozen=True)
class _Parsed:
    module: ast.Module | None
    source: bytes
    error: str | None
    error_at: tuple[int, int] = (1, 1)


def _parse(source: bytes) -> _Parsed:
    """``ast.parse`` honours the encoding cookie and BOM; every failure becomes a reason."""
    try:
        return _Parsed(ast.parse(source), source, None)
    except SyntaxError as error:
        return _Parsed(None, source, _syntax_error(source, error),
                       (error.lineno or 1, max(error.offset or 1, 1)))
    except (RecursionError, MemoryError):
        return _Parsed(None, source, "could not parse: the file nests too deeply for the parser")
    except ValueError as error:  # null bytes, before 3.12
        return _Parsed(None, source, f"could not parse: {error}")
    except Exception as error:  # a parser bug must cost one file, not the run
        return _Parsed(None, source, f"could not parse: {type(error).__name__}: {error}")


def _syntax_error(source: bytes, error: SyntaxError) -> str:
    """Why ``ast`` refused the file: its bytes do not decode, it uses syntax of a newer
    Python than the one running loopsafe, or it is not valid Python."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
        source.decode(encoding)
    except SyntaxError as bad_cookie:
        return f"could not decode: {bad_cookie.msg}"
    except (UnicodeDecodeError, LookupError) as undecodable:
        return f"could not decode: {undecodable}"
    if _newer_syntax(source):
        return (f"could not parse: {error.msg} (line {error.lineno}): the file needs a newer Python "
                f"than {_RUNNING} that runs loopsafe")
    return f"could not parse: {error.msg}"


def _newer_syntax(source: bytes) -> bool:
    """libcst reads the grammar of every Python up to 3.13 whatever Python runs it: a
    file it reads and ``ast`` does not is newer than this Python. Imported only here,
    for a file that failed."""
    try:
        import libcst
        libcst.parse_module(source)
    except Exception:
        return False
    return True


@contextmanager
def deep_recursion(limit: int = 20_000 if sys.version_info >= (3, 11) else 4_000) -> Iterator[None]:
    """The walk is iterative, but resolving a name or a type recurses once per level of
    some expressions (a long chain of calls); valid Python that the default limit of
    1,000 cannot resolve. From 3.11 Python frames no longer use the C stack."""
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, limit))
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _read(path: str) -> tuple[bytes | None, str | None]:
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO or a device would block or never end
            return None, "could not read: not a regular file"
        with open(path, "rb") as handle:
            return handle.read(), None
    except OSError as error:
        return None, f"could not read: {error.strerror or error}"


def file_facts(path: str, module: str, source: bytes | None, read_error: str | None) -> tuple[FileFacts, tuple[int, int]]:
    if source is None:
        return FileFacts(path, module, error=read_error), (1, 1)
    parsed = _parse(source)
    if parsed.module is None:
        return FileFacts(path, module, lines=source.count(b"\n"), error=parsed.error), parsed.error_at
    try:
        with deep_recursion():
            facts = analyse(parsed.module, path, module, FILE_RULES, source)
    except RecursionError:
        return FileFacts(path, module, lines=source.count(b"\n"),
                         error="could not analyse: an expression nests too deeply"), (1, 1)
    except Exception as error:  # a bug of loopsafe's must cost one file, not the run
        return FileFacts(path, module, lines=source.count(b"\n"),
                         error=f"could not analyse (an internal error of loopsafe, please report it): "
                               f"{type(error).__name__}: {error}"), (1, 1)
    facts.lines = source.count(b"\n")
    return facts, (1, 1)


def _analyse_file(job: tuple[str, str, Path | None, str]) -> tuple[bytes, tuple[int, int]]:
    """One file's facts (worker side), encoded, and stored in the cache; the parent has
    already looked there and found nothing. Encoded, they reach the parent lean
    (``codec``), and a worker keeps no file's facts once it has sent them."""
    path, module, cache_dir, fingerprint = job
    source, read_error = _read(path)
    facts, error_at = file_facts(path, module, source, read_error)
    encoded = codec.encode(facts)
    if source is not None and facts.error is None:
        cache = FactsCache(cache_dir, fingerprint)
        cache.put(cache.key(path, module, source), encoded)
    return encoded, error_at


def _start_method():
    """fork when this process runs one thread: it starts workers in milliseconds (measured
    +4 ms against forkserver's +412 ms) and they inherit the loaded linter. With other
    threads (a test session, an IDE) fork would copy their held locks into the workers,
    so forkserver, else spawn."""
    methods = get_all_start_methods()
    if "fork" in methods and sys.platform != "darwin" and _threads() == 1:
        return get_context("fork")
    context = get_context("forkserver" if "forkserver" in methods else "spawn")
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload([__name__])
    return context


def _threads() -> int:
    """The process's threads as the system counts them: ``threading`` does not see those
    started with ``_thread`` or from C (execnet's, under pytest-xdist), and fork copies
    their locks all the same."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:  # no procfs
        return threading.active_count()


def _workers(settings: Settings, files: int) -> int:
    jobs = settings.jobs or os.cpu_count() or 1
    return 1 if files < _PARALLEL_MIN_FILES else max(1, min(jobs, files // _FILES_PER_WORKER))


def collect(paths: Sequence[str], settings: Settings) -> tuple[list[FileFacts], dict[str, tuple[int, int]]]:
    cache_dir = (settings.cache_dir or settings.root / ".loopsafe_cache") if settings.cache else None
    fingerprint = code_fingerprint()
    jobs = [(p, module_name(Path(p)), cache_dir, fingerprint) for p in paths]
    results: dict[int, tuple[FileFacts, tuple[int, int]]] = {}
    if cache_dir is not None:
        # hits are read here: starting workers for a warm run would cost more than the run
        cache = FactsCache(cache_dir, fingerprint)
        for position, (path, module, _, _) in enumerate(jobs):
            source, _ = _read(path)
            cached = cache.get(cache.key(path, module, source)) if source is not None else None
            if cached is not None:
                results[position] = (cached, (1, 1))
    missing = [position for position in range(len(jobs)) if position not in results]
    workers = _workers(settings, len(missing))
    if workers > 1:  # largest first: a big file handed out last would leave the other workers idle
        missing.sort(key=lambda position: -_size(jobs[position][0]))
    if workers == 1:
        results.update(_decoded(missing, map(_analyse_file, [jobs[p] for p in missing])))
    else:
        # one file a task: a worker holding a chunk of the largest files' facts at once
        # grew by a third, and the parent decodes each file's facts as they arrive
        with ProcessPoolExecutor(workers, mp_context=_start_method(), initializer=gc.disable) as pool:
            results.update(_decoded(missing, pool.map(_analyse_file, [jobs[p] for p in missing])))
    codec.forget()  # every file is read: the tables that shared their strings and numbers can go
    ordered = [results[position] for position in range(len(jobs))]
    errors = {facts.path: at for facts, at in ordered if facts.error}
    return [facts for facts, _ in ordered], errors


def _decoded(positions: list[int], done: Iterator[tuple[bytes, tuple[int, int]]]
             ) -> Iterator[tuple[int, tuple[FileFacts, tuple[int, int]]]]:
    for position, (encoded, error_at) in zip(positions, done):
        facts = codec.decode(encoded)
        assert facts is not None, "a worker encodes in the format this process reads"
        yield position, (facts, error_at)


def finish(files: list[FileFacts], errors: dict[str, tuple[int, int]], settings: Settings,
            sources: dict[str, bytes], reported: int | None = None) -> list[Diagnostic]:
    """The diagnostics of ``files[:reported]`` (all when None); the others are context."""
    reported = len(files) if reported is None else reported
    found: dict[int, list[RawFinding]] = defaultdict(list)
    for index, facts in enumerate(files[:reported]):
        found[index].extend(f for f in facts.findings if settings.enabled(f.code))
    internal_errors = _project_findings(files, settings, reported, found)
    wanted: dict[str, set[int]] = defaultdict(set)
    for index, findings in found.items():
        for finding in findings:
            wanted[files[index].path].add(finding.node)
            for path, node, _ in (*finding.trace, *([finding.root] if finding.root else [])):
                wanted[path].add(node)
            if finding.fix:
                wanted[files[index].path].update(node for node, _ in finding.fix[1] if node != NEW_IMPORT)
    spans_of = {facts.path: facts.spans for facts in files}
    located: dict[str, dict[int, Span]] = {}
    unplaced: dict[str, str] = {}
    for path, nodes in wanted.items():
        try:
            located[path] = locate(spans_of.get(path, ()), nodes)
        except Exception as error:  # a bug of loopsafe's costs this file's findings, not the run
            unplaced[path] = f"could not place its findings ({_internal(error)})"
    diagnostics: list[Diagnostic] = []
    noqa = _NoqaComments(sources)
    for index, findings in found.items():
        path = files[index].path
        spans = located.get(path, {})
        for finding in findings:
            diagnostic = _diagnostic(path, finding, spans, located, sources)
            if (diagnostic is not None and _kept(diagnostic, path, noqa.of(path), settings)
                    and diagnostic.sure_enough(settings.min_confidence)):
                diagnostics.append(diagnostic)
    if settings.enabled(UNUSED):
        diagnostics.extend(_unused_noqa(files[:reported], noqa, settings))
    if settings.enabled(UNREADABLE):
        for facts in files[:reported]:
            reason = facts.error or unplaced.get(facts.path)
            if reason and not settings.ignored_for(facts.path, UNREADABLE):
                line, column = errors.get(facts.path, (1, 1))
                diagnostics.append(Diagnostic(UNREADABLE, reason, display_path(facts.path),
                                              line, column, line, column))
        where = _common_path(files[:reported])
        diagnostics.extend(Diagnostic(UNREADABLE, message, where, 1, 1, 1, 1) for message in internal_errors)
    diagnostics.sort(key=Diagnostic.sort_key)
    return diagnostics


def _project_findings(files: list[FileFacts], settings: Settings, reported: int,
                      found: dict[int, list[RawFinding]]) -> list[str]:
    """Adds the project rules' findings on ``files[:reported]`` to ``found``: the rules start
    from those files and ask of the others only what their findings depend on. The project has
    the files in the order a walk of the whole project meets them (``_walk_key``), whichever
    were named: ties between equally short paths go the same way in both runs. A rule that
    fails (a bug of loopsafe's) keeps what it found before failing and costs only itself:
    the returned messages say which rule and why."""
    order = sorted(range(len(files)), key=lambda index: _walk_key(files[index].path))
    try:
        project = Project([files[index] for index in order], settings,
                          [place for place, index in enumerate(order) if index < reported])
    except Exception as error:
        return [f"the project pass failed, no LS1-LS3 findings ({_internal(error)})"]
    failed = []
    for rule in PROJECT_RULES:
        if not settings.enabled(rule.code):
            continue
        try:
            for place, finding in rule.check(project):
                if order[place] < reported:
                    found[order[place]].append(finding)
        except Exception as error:
            failed.append(f"rule {rule.code} ({rule.name}) failed, its findings may be incomplete "
                          f"({_internal(error)})")
    return failed


def _walk_key(path: str) -> tuple[tuple[int, str], ...]:
    """Where a walk of the project (``discovery``) meets the file: a folder's files, by name,
    before its subfolders, by name."""
    *folders, name = Path(os.path.abspath(path)).parts
    return (*((1, folder) for folder in folders), (0, name))


def _internal(error: Exception) -> str:
    return f"an internal error of loopsafe, please report it: {type(error).__name__}: {error}"


def _common_path(files: list[FileFacts]) -> str:
    """Where an error of the whole run is reported: the one file checked (a pre-commit
    run), else the folder that holds every file checked."""
    paths = [os.path.abspath(f.path) for f in files]
    try:
        return display_path(os.path.commonpath(paths)) if paths else "."
    except ValueError:  # paths on two drives
        return "."


def _diagnostic(path: str, finding: RawFinding, spans: dict[int, Span],
                located: dict[str, dict[int, Span]], sources: dict[str, bytes]) -> Diagnostic | None:
    span = spans.get(finding.node)
    if span is None:
        return None
    trace = [_step(step, located) for step in finding.trace]
    fix = None
    if finding.fix is not None:
        message, edits = finding.fix
        resolved = []
        for node, content in edits:
            edit = _new_import(path, content, sources) if node == NEW_IMPORT else None
            edit_span = spans.get(node)
            if edit is None and edit_span is None:
                break
            resolved.append(edit or Edit(*edit_span, content))
        else:
            fix = Fix(message, tuple(resolved))
    return Diagnostic(finding.code, finding.message, display_path(path), *span, fix=fix, trace=trace,
                      confidence=finding.confidence, root=_step(finding.root, located) if finding.root else None)


def _new_import(path: str, statement: str, sources: dict[str, bytes]) -> Edit | None:
    source = sources.get(path)
    if source is None:
        source, _ = _read(path)
    return import_edit(SourceFile(path, source).text, statement) if source is not None else None


def _step(step: tuple[str, int, str], located: dict[str, dict[int, Span]]) -> str:
    """``app/util.py:12 open()``: one call of a trace, placed."""
    step_path, node, text = step
    step_span = located.get(step_path, {}).get(node)
    return f"{display_path(step_path)}:{step_span[0] if step_span else 0} {text}"


class _NoqaComments:
    """Each file's ``# noqa`` comments, read once; a file without the word has none."""

    def __init__(self, sources: dict[str, bytes]):
        self.sources = sources
        self.files: dict[str, Suppressions | None] = {}

    def of(self, path: str) -> Suppressions | None:
        if path not in self.files:
            source = self.sources.get(path)
            if source is None:
                source, _ = _read(path)
            # lower() and `in` is five times faster than a case-blind regex on a large tree
            has_noqa = source is not None and b"noqa" in source.lower()
            self.files[path] = Suppressions(SourceFile(path, source).text) if has_noqa else None
        return self.files[path]


def _kept(diagnostic: Diagnostic, path: str, noqa: Suppressions | None, settings: Settings) -> bool:
    if settings.ignored_for(path, diagnostic.code):
        return False
    return noqa is None or not noqa.suppressed(diagnostic.code, diagnostic.line)


def _unused_noqa(files: list[FileFacts], noqa: _NoqaComments, settings: Settings) -> Iterator[Diagnostic]:
    """LS002 for the loopsafe codes of ``# noqa`` comments that silenced nothing; run
    after every other finding has been matched against the comments."""
    for facts in files:
        comments = noqa.of(facts.path) if not facts.error else None
        if comments is None or settings.ignored_for(facts.path, UNUSED):
            continue
        for comment, stale in list(comments.unused(settings.enabled)):
            if comments.suppressed(UNUSED, comment.line):
                continue
            listed = ", ".join(stale)
            edit = comment.without(stale)
            fix = None if edit is None else Fix(
                f"remove {listed} from the `noqa`" if edit[2] else "remove the `noqa` comment",
                (Edit(comment.line, edit[0], comment.line, edit[1], edit[2]),))
            yield Diagnostic(UNUSED, f"unused `noqa`: no {listed} finding on this line",
                             display_path(facts.path), comment.line, comment.column,
                             comment.line, comment.end_column, fix=fix)

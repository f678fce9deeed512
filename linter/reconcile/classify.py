"""Each runtime event against the linter's findings: confirmed, missed, suppressed, lag
or runtime-only, with the reason and, for a missed blocking call, the ``blocking-calls``
entry that makes the linter flag it.

The site that must match is the call the user's code made: the runtime location
when the linter reads that file, else the deepest frame of the stack in a file it
reads (the call into code it does not). A finding matches when it is reported
there or when its path through helpers ends there. A suggested entry is checked
by linting again with it: ``verified`` means ``loopsafe check`` then flags the
call.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Sequence

from loopsafe.linter import globs, noqa
from loopsafe.linter.diagnostics import Diagnostic

from . import names
from .lintruns import LintRuns
from .report import Frame, RuntimeEvent
from .sites import FindingIndex, PathResolver, Site, line_text, shown_path

STATUSES = ("confirmed", "missed", "suppressed", "lag", "runtime-only")
# What makes `loopsafe reconcile` exit 1: a blocking call that really happened on the
# loop, whether the linter reports it or not. Suppressed sites are accepted by the
# project; lag and leaks are the plugin's to gate (--loopsafe-blocking/--loopsafe-leaks).
GATING = frozenset({"confirmed", "missed"})
BLOCKING = "blocking-call"
LAG = "loop-lag"
# The findings that speak about an event of each kind (code prefixes).
FAMILIES: dict[str, tuple[str, ...]] = {
    BLOCKING: ("LS1",), LAG: ("LS1",), "leaked-loop": ("LS204",), "unpicklable": ("LS302",)}


@dataclass(frozen=True)
class Suggestion:
    """A ``[tool.loopsafe] blocking-calls`` entry for a missed call."""

    entry: str  # what to add: the name as the linter resolves the call
    function: str  # the function that ran, where it is defined
    frame: str | None  # "path:line" where the function was when the loop was held
    call_site: Site  # the user's call the entry makes the linter flag
    verified: bool  # linting with the entry flags the call site


@dataclass
class Verdict:
    event: RuntimeEvent
    status: str
    reason: str
    site: Site | None = None  # the runtime location, resolved
    findings: list[Diagnostic] = field(default_factory=list)
    suggestion: Suggestion | None = None
    stack: list[str] = field(default_factory=list)  # "path:line function", paths as shown


@dataclass
class Reconciliation:
    verdicts: list[Verdict]
    files: int  # files the linter read

    def counts(self) -> dict[str, int]:
        return {status: sum(v.status == status for v in self.verdicts) for status in STATUSES}

    def suggestions(self) -> list[Suggestion]:
        """The verified entries, each once, in the order of the events."""
        seen: dict[str, Suggestion] = {}
        for verdict in self.verdicts:
            s = verdict.suggestion
            if s is not None and s.verified and s.entry not in seen:
                seen[s.entry] = s
        return list(seen.values())

    @property
    def gating(self) -> bool:
        return any(v.status in GATING for v in self.verdicts)


@dataclass
class _Located:
    """An event's frames as sites: the user's stack, outermost first, ending at the location."""

    frames: list[tuple[Frame, Site]]
    match: int | None  # index of the deepest frame in a file the linter reads

    @property
    def site(self) -> Site:
        return self.frames[-1][1]

    @property
    def call_site(self) -> Site | None:
        return self.frames[self.match][1] if self.match is not None else None


@dataclass
class _Missed:
    """A missed call into a function the linter did not see, waiting for its entry."""

    verdict: Verdict
    call_site: Site
    function: str
    frame: str | None
    candidates: list[str]
    not_analysed: str | None  # the project file holding the function, when it is not checked


def _codes(findings: Sequence[Diagnostic]) -> str:
    return ", ".join(f"{d.code} at {d.path}:{d.line}:{d.column}" for d in findings)


def _not_analysed(located: _Located) -> str:
    files = ", ".join(dict.fromkeys(shown_path(s.path) for _, s in located.frames))
    return f"not analysed: none of the files on the stack ({files}) is among the checked paths"


def _matches_name(name: str, patterns: Sequence[str]) -> str | None:
    """The ``safe-calls`` entry that covers ``name`` (itself, or a module/class above it)."""
    parts = name.split(".")
    return next((p for p in patterns if p in {".".join(parts[:i]) for i in range(1, len(parts) + 1)}),
                None)


class Classifier:
    def __init__(self, runs: LintRuns, resolver: PathResolver):
        self.runs = runs
        self.resolver = resolver

    # the linter's findings, each set indexed once and only when an event needs it
    @cached_property
    def _reported(self) -> FindingIndex:
        return FindingIndex(self.runs.findings)

    @cached_property
    def _baselined(self) -> FindingIndex:
        return FindingIndex(self.runs.baselined)

    @cached_property
    def _unfiltered(self) -> FindingIndex:
        return FindingIndex(self.runs.unfiltered)

    def classify(self, events: Sequence[RuntimeEvent]) -> Reconciliation:
        missed: list[_Missed] = []
        verdicts = [self._verdict(event, missed) for event in events]
        self._verify(missed)
        return Reconciliation(verdicts, self.runs.files)

    # -- locating ---------------------------------------------------------------------------

    def _locate(self, event: RuntimeEvent) -> _Located | None:
        frames = [(f, self.resolver.site(f.path, f.line)) for f in event.stack]
        if event.location is not None:
            site = self.resolver.site(event.location.path, event.location.line)
            if not frames or frames[-1][1] != site:
                frames.append((event.location, site))
        if not frames:
            return None
        checked = self.runs.checked_files
        match = next((i for i in range(len(frames) - 1, -1, -1) if frames[i][1].path in checked), None)
        return _Located(frames, match)

    # -- the verdict --------------------------------------------------------------------------

    def _verdict(self, event: RuntimeEvent, missed: list[_Missed]) -> Verdict:
        located = self._locate(event)
        verdict = self._classify(event, located, missed)
        if located is not None:
            verdict.stack = [f"{site.shown()} {frame.function}" for frame, site in located.frames]
        return verdict

    def _classify(self, event: RuntimeEvent, located: _Located | None, missed: list[_Missed]) -> Verdict:
        families = FAMILIES.get(event.kind)
        site = located.site if located else None
        if not families:
            return Verdict(event, "runtime-only", f"no linter rule covers {event.kind} events", site)
        if located is None:
            return Verdict(event, "runtime-only", "the event has no location in the code", site)
        call_site = located.call_site
        if call_site is not None:
            found = self._reported.touching(call_site, families)
            if found:
                return Verdict(event, "confirmed", f"the linter reports it: {_codes(found)}", site, found)
            hidden = self._suppressed(event, located, call_site, families)
            if hidden is not None:
                return hidden
        if event.kind == BLOCKING:
            return self._missed(event, located, missed)
        if event.kind == LAG:
            return self._lag(event, located)
        if call_site is None:
            return Verdict(event, "runtime-only", _not_analysed(located), site)
        return Verdict(event, "runtime-only", f"the linter reports nothing at {call_site.shown()}", site)

    def _suppressed(self, event: RuntimeEvent, located: _Located, call_site: Site,
                    families: Sequence[str]) -> Verdict | None:
        site = located.site
        baselined = self._baselined.touching(call_site, families)
        if baselined:
            return Verdict(event, "suppressed", f"the baseline {self.runs.baseline_file} records it: "
                           f"{_codes(baselined)}", site, baselined)
        hidden = self._unfiltered.touching(call_site, families)
        if hidden:
            return Verdict(event, "suppressed", f"{self._hidden_by(hidden[0])} hides it: "
                           f"{_codes(hidden)}", site, hidden)
        for frame, frame_site in self._noqa_frames(located):
            codes = noqa.parse(line_text(frame_site))
            if codes is not None and (not codes or any(
                    c.startswith(f) or f.startswith(c) for c in codes for f in families)):
                comment = "# noqa" + (f": {','.join(sorted(codes))}" if codes else "")
                return Verdict(event, "suppressed",
                               f"`{comment}` at {frame_site.shown()} hides it", site)
        return None

    def _hidden_by(self, finding: Diagnostic) -> str:
        settings = self.runs.settings
        if not settings.enabled(finding.code):
            return f"the rule selection (select/ignore) leaving out {finding.code}"
        if settings.ignored_for(finding.path, finding.code):
            relative = settings.relative_path(finding.path)
            pattern = next(p for p, codes in settings.per_file_ignores.items()
                           if globs.matches(p, relative) and any(finding.code.startswith(c) for c in codes))
            return f"`per-file-ignores` {pattern!r}"
        return "a `safe-calls` entry"

    def _noqa_frames(self, located: _Located) -> list[tuple[Frame, Site]]:
        """The frames whose line a finding about this call would be reported on: from the
        innermost coroutine down to the call site (only the call site when no frame is
        known to be a coroutine)."""
        end = located.match if located.match is not None else len(located.frames) - 1
        frames = located.frames[: end + 1]
        start = next((i for i in range(len(frames) - 1, -1, -1)
                      if names.in_coroutine(frames[i][1].path, frames[i][0].line, frames[i][0].function)),
                     len(frames) - 1)
        return frames[start:]

    # -- missed and lag ---------------------------------------------------------------------------

    def _callee(self, event: RuntimeEvent, located: _Located) -> tuple[Frame, str, str | None] | None:
        """The function the user's checked code called into: (frame, qualified name, the
        unchecked project file holding it, if so)."""
        if located.match is not None and located.match < len(located.frames) - 1:
            frame, site = located.frames[located.match + 1]
            return frame, names.qualname_of(frame, site.path), site.path
        found = names.callee(event.outside, self.resolver.resolve)
        return (*found, None) if found else None

    def _missed(self, event: RuntimeEvent, located: _Located, missed: list[_Missed]) -> Verdict:
        site, call_site = located.site, located.call_site
        call = f"`{event.call}`" if event.call else "a blocking call"
        if call_site is None:
            return Verdict(event, "missed", _not_analysed(located), site)
        callee = self._callee(event, located)
        if callee is None:
            return Verdict(event, "missed", f"unresolved call: the linter knows {call} blocks but did "
                           f"not connect the call at {call_site.shown()} to it, or does not see that "
                           "this code runs on the event loop (a callback, a dynamic call)", site)
        frame, qualname, unchecked = callee
        candidates = self._entries(frame, qualname)
        function = candidates[0] if candidates else qualname
        safe = next((s for s in (_matches_name(c, self.runs.settings.safe_calls) for c in candidates) if s),
                    None)
        if safe is not None:
            return Verdict(event, "suppressed", f"the `safe-calls` entry {safe!r} exempts `{function}`",
                           site)
        verdict = Verdict(event, "missed", "", site)
        frame_at = Site(self.resolver.resolve(frame.path), frame.line).shown()
        missed.append(_Missed(verdict, call_site, function, frame_at, candidates, unchecked))
        return verdict

    def _entries(self, frame: Frame, qualname: str) -> list[str]:
        """The function's possible ``blocking-calls`` spellings, where it is defined first."""
        modules = [frame.module] if frame.module else []
        modules += names.modules_for_path(self.resolver.resolve(frame.path), [self.runs.settings.root])
        return names.entries(modules, qualname)

    def _lag(self, event: RuntimeEvent, located: _Located) -> Verdict:
        found = names.callee(event.outside, self.resolver.resolve)
        spelled = self._entries(*found) if found else []
        inside = f", inside `{spelled[0] if spelled else found[1]}`" if found else ""
        return Verdict(event, "lag", "no known blocking call was intercepted: the loop was held at "
                       f"{located.site.shown()}{inside} (CPU-bound work or C code)", located.site)

    # -- suggestions --------------------------------------------------------------------------

    def _verify(self, missed: list[_Missed]) -> None:
        """Find each missed call's entry: lint with every call's next spelling at once until
        one makes the linter flag the call (a few runs, however many events)."""
        pending = [m for m in missed if m.candidates]
        rank = 0
        while pending and any(len(m.candidates) > rank for m in pending):
            trying = [m for m in pending if len(m.candidates) > rank]
            findings = FindingIndex(self.runs.with_blocking_calls(m.candidates[rank] for m in trying))
            for m in trying:
                if findings.touching(m.call_site, FAMILIES[BLOCKING]):
                    self._conclude(m, m.candidates[rank], verified=True)
                    pending.remove(m)
            rank += 1
        for m in missed:
            if not m.verdict.reason:
                self._conclude(m, m.candidates[0] if m.candidates else None, verified=False)

    def _conclude(self, m: _Missed, entry: str | None, verified: bool) -> None:
        event, call_site = m.verdict.event, m.call_site.shown()
        ran = f"; at runtime it called `{event.call}`" if event.call else ""
        if m.not_analysed:
            why = (f"not analysed: {shown_path(m.not_analysed)} is not among "
                   f"the checked paths, so the linter cannot see that `{m.function}` blocks")
        elif verified:
            spelled = f" (imported as `{entry}`)" if entry != m.function else ""
            why = (f"unknown API: `{m.function}`{spelled} is outside the checked paths and not in "
                   f"the catalogue, so the linter cannot tell that the call at {call_site} blocks")
        else:
            why = (f"unresolved call: the linter did not connect the call at {call_site} to "
                   f"`{m.function}` (a dynamic call, or a receiver whose type it cannot infer), "
                   "or does not see that this code runs on the event loop")
        if m.candidates and not verified:
            tried = ", ".join(f"`{c}`" for c in m.candidates)
            why += f"; no `blocking-calls` entry makes it flag the call (tried {tried})"
        m.verdict.reason = why + ran
        if entry is not None:
            m.verdict.suggestion = Suggestion(entry, m.function, m.frame, m.call_site, verified)

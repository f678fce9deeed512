"""Attribution: which frames of a stack are the user's own code.

Monkeypatching detectors drown their users in false alarms raised by pytest,
coverage, the import system or a debugger blocking on their behalf. loopsafe
avoids that by attributing every finding to the deepest frame of the user's
own code -- a file under the rootdir that is not a third-party or tooling
module -- and by dropping any finding that has no such frame. The allow-list
(qualified call names or module prefixes) exempts the rest.
"""

from __future__ import annotations

import functools
import inspect
import itertools
import os
import sysconfig
from dataclasses import dataclass, replace
from types import CodeType, FrameType
from typing import Iterable, Iterator, Sequence

from loopsafe.plugin.events import Location

# Modules whose frames are never the user's, even when they live under the
# rootdir (a vendored copy, a checkout of the tool itself).
FOREIGN_MODULES = (
    "pytest", "_pytest", "pluggy", "py", "pytest_asyncio", "pytest_timeout", "xdist", "execnet",
    "asyncio", "anyio", "sniffio", "trio", "uvloop", "concurrent", "threading", "selectors",
    "loopsafe", "coverage", "importlib", "_frozen_importlib", "_frozen_importlib_external",
    "zipimport", "runpy", "site", "pdb", "bdb", "pydevd", "_pydevd_bundle", "_pydev_bundle",
    "debugpy", "pydevd_plugins",
)
# Tooling that may run *inside* the user's call (a debugger, coverage's tracer,
# pytest's own helpers): when it is what holds the loop, the stall is not the
# user's to fix.
TOOLING_MODULES = (
    "pytest", "_pytest", "pluggy", "coverage", "pdb", "bdb", "pydevd", "_pydevd_bundle",
    "_pydev_bundle", "debugpy",
)
# The import system: whatever runs during an import (module-level code included)
# is the import's doing, wherever the import sits on the stack.
IMPORT_MODULES = ("importlib", "_frozen_importlib", "_frozen_importlib_external", "zipimport")
_FOREIGN_DIRS = ("site-packages", "dist-packages")
# How many frames of the code the user's frame called into (outermost first) a finding
# keeps: enough for `loopsafe reconcile` to name the library function that blocked.
_OUTSIDE_FRAMES = 8
_MAX_CACHED_CODES = 50_000


def _matches(name: str, prefixes: Sequence[str]) -> bool:
    """True if ``name`` is one of ``prefixes`` or lies under one (``a.b`` under ``a``)."""
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _module(frame: FrameType) -> str:
    return frame.f_globals.get("__name__", "")


def _qualified(frame: FrameType) -> str:
    code = frame.f_code
    qualname = getattr(code, "co_qualname", None) or _method_qualname(frame)  # 3.11+ / 3.10
    return f"{_module(frame)}.{qualname}"


def _method_qualname(frame: FrameType) -> str:
    """Python 3.10's code objects lack ``co_qualname``: for a method, find the class that
    defines this code among the classes of ``self``/``cls``."""
    code = frame.f_code
    owner = frame.f_locals.get("self", frame.f_locals.get("cls")) if code.co_argcount else None
    if owner is None:
        return code.co_name
    for klass in (owner if isinstance(owner, type) else type(owner)).__mro__:
        member = klass.__dict__.get(code.co_name)
        member = getattr(member, "__func__", member)  # classmethod, staticmethod
        if getattr(inspect.unwrap(member), "__code__", None) is code:
            return f"{klass.__qualname__}.{code.co_name}"
    return code.co_name


def _describe(frame: FrameType) -> dict:
    code = frame.f_code
    described = {"path": os.path.abspath(code.co_filename), "line": frame.f_lineno,
                 "module": _module(frame), "function": code.co_name}
    qualname = getattr(code, "co_qualname", None)  # Python 3.11+
    if qualname:
        described["qualname"] = qualname
    return described


def _frames(frame: FrameType | None, until: FrameType | None = None) -> Iterator[FrameType]:
    """``frame`` and its callers, outward, stopping before ``until``."""
    while frame is not None and frame is not until:
        yield frame
        frame = frame.f_back


def _tooling_between(frame: FrameType | None, user: FrameType) -> bool:
    """Tooling (pytest, pluggy, a debugger) between ``frame`` and the user's frame that
    called it: what runs there is the tool's doing, not the user's."""
    return any(_matches(_module(f), TOOLING_MODULES) for f in _frames(frame, until=user))


@functools.lru_cache(maxsize=None)
def _system_dirs() -> tuple[str, ...]:
    """The interpreter's library folders (a virtualenv may sit inside the project)."""
    paths = sysconfig.get_paths()
    return tuple(os.path.realpath(paths[k]) + os.sep
                 for k in ("stdlib", "platstdlib", "purelib", "platlib") if paths.get(k))


@dataclass(frozen=True)
class Attribution:
    """Where a finding belongs: the deepest user frame and the user's part of the stack."""

    location: Location
    stack: list[str]  # "path:line function", outermost first, user frames only
    # the frames below the user's, outermost first (see ``UserCode.outside``)
    outside: tuple[dict, ...] = ()


class UserCode:
    """Decides, frame by frame, what is the user's code, and where a finding belongs.

    Verdicts are cached per code object (and per file and module behind that),
    so that classifying a frame on a hot path -- recording where each task was
    created -- costs one dictionary lookup.
    """

    def __init__(self, rootdir: str | os.PathLike | None = None, allow: Iterable[str] = ()):
        self.rootdir = os.path.realpath(os.fspath(rootdir) if rootdir else os.getcwd())
        self.allow = tuple(a.strip() for a in allow if a.strip())
        self._system_dirs = _system_dirs()
        self._verdicts: dict[tuple[str, str], bool] = {}
        # id(code) -> (code, verdict); holding the code keeps its id from being reused
        self._by_code: dict[int, tuple[CodeType, bool]] = {}
        self._relpaths: dict[str, str] = {}

    def is_user(self, frame: FrameType) -> bool:
        code = frame.f_code
        entry = self._by_code.get(id(code))
        if entry is not None and entry[0] is code:
            return entry[1]
        key = (code.co_filename, _module(frame))
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self._verdicts[key] = self._judge(*key)
        if len(self._by_code) >= _MAX_CACHED_CODES:
            self._by_code.clear()  # code made on the fly (exec, namedtuple) must not pile up
        self._by_code[id(code)] = (code, verdict)
        return verdict

    def _judge(self, filename: str, module: str) -> bool:
        if not filename or filename.startswith("<") or _matches(module, FOREIGN_MODULES):
            return False
        path = os.path.realpath(filename)
        if not path.startswith(self.rootdir + os.sep):
            return False
        if path.startswith(self._system_dirs):
            return False  # a virtualenv inside the project
        parts = path[len(self.rootdir):].split(os.sep)
        return not any(d in parts for d in _FOREIGN_DIRS)

    def relpath(self, filename: str) -> str:
        rel = self._relpaths.get(filename)
        if rel is None:
            rel = self._relpaths[filename] = os.path.relpath(os.path.realpath(filename), self.rootdir)
        return rel

    def user_frame(self, frame: FrameType | None, depth: int | None = None) -> FrameType | None:
        """The deepest user frame at or above ``frame`` (within ``depth`` frames)."""
        for f in itertools.islice(_frames(frame), depth):
            if self.is_user(f):
                return f
        return None

    def location(self, frame: FrameType | None, depth: int | None = None) -> Location | None:
        """The deepest user frame at or above ``frame`` (within ``depth`` frames), as a Location."""
        frame = self.user_frame(frame, depth)
        if frame is None:
            return None
        return Location(self.relpath(frame.f_code.co_filename), frame.f_lineno, frame.f_code.co_name)

    def stack(self, frame: FrameType | None) -> list[str]:
        """User frames at or above ``frame``, outermost first, as "path:line function"."""
        lines = [f"{self.relpath(f.f_code.co_filename)}:{f.f_lineno} {f.f_code.co_name}"
                 for f in _frames(frame) if self.is_user(f)]
        lines.reverse()
        return lines

    def outside(self, frame: FrameType | None, user: FrameType) -> tuple[dict, ...]:
        """The frames between ``user`` and ``frame`` -- the library code the user's frame
        called into -- outermost first, each with its module and qualified name, so that
        ``loopsafe reconcile`` can name the API that blocked (``vendorlib.client.Client.get``)
        without seeing the library's source."""
        frames = list(_frames(frame, until=user))
        frames.reverse()
        return tuple(_describe(f) for f in frames[:_OUTSIDE_FRAMES])

    def trace(self, frame: FrameType | None) -> Attribution | None:
        """Location and user stack at ``frame``, whoever's doing it is (no exemptions)."""
        user = self.user_frame(frame)
        if user is None:
            return None
        return Attribution(self.location(user, depth=1), self.stack(user))

    def defined_at(self, code: CodeType) -> Attribution | None:
        """Where the user's function of ``code`` is defined (None if it is not the user's):
        the place to name when no frame of it is left to say which line ran."""
        if not self._judge(code.co_filename, ""):
            return None
        line = f"{self.relpath(code.co_filename)}:{code.co_firstlineno} {code.co_name}"
        return Attribution(Location(self.relpath(code.co_filename), code.co_firstlineno,
                                    code.co_name), [line])

    def allowed(self, call: str | None, frame: FrameType | None) -> bool:
        """True if the allow-list exempts ``call`` or any frame of the stack above ``frame``."""
        if not self.allow:
            return False
        return (call is not None and _matches(call, self.allow)) or any(
            _matches(_qualified(f), self.allow) for f in _frames(frame))

    def attribute(self, frame: FrameType | None, call: str | None = None) -> Attribution | None:
        """Where a finding at ``frame`` belongs, or None when it is not the user's to fix
        (no user frame on the stack, tooling or an import holds the loop, or the
        allow-list exempts it)."""
        user = self.user_frame(frame)
        if user is None or self.allowed(call, frame):
            return None
        if any(_matches(_module(f), IMPORT_MODULES) for f in _frames(frame)):
            return None
        if _tooling_between(frame, user):  # a debugger or pytest holds the loop, not the user
            return None
        return replace(self.trace(user), outside=self.outside(frame, user))

    def started_by(self, frame: FrameType | None) -> Location | None:
        """Where the user's code started something (a thread, a process) at ``frame``; None
        when no user frame is on the stack, or when tooling the user's frame called did it
        (a pytest plugin's service thread, started from a hook of a session the test runs)."""
        user = self.user_frame(frame)
        if user is None or _tooling_between(frame, user):
            return None
        return self.location(user, depth=1)

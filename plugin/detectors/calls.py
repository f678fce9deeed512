"""At-the-call detection: the catalogue's blocking APIs, timed while a loop runs.

Every patchable entry of ``loopsafe.linter.catalogue.BLOCKING_APIS`` (the same
table the linter reads) is wrapped. The wrapper costs one C call when no event
loop runs on the calling thread (nor a trio run: ``other_loops``, looked up only
while one is active) -- the common case, including the worker
threads of ``to_thread``, ``run_in_executor`` and thread pools, which is why
those never count -- and otherwise times the call and hands anything held
longer than the threshold to a sink. It never changes what the call returns or
raises: the original runs unchanged and any error propagates as it was.

A module is patched once something has imported it (``refresh`` runs before
each test), so loopsafe imports nothing: a suite never pays for a client
library, or a standard module, it does not use.
"""

from __future__ import annotations

import functools
import inspect
import os
import sys
import threading
import weakref
from asyncio import _get_running_loop
from time import perf_counter
from types import FrameType
from typing import Any, Callable, Iterable, Protocol

from loopsafe.linter.catalogue import BLOCKING_APIS, BlockingAPI
from loopsafe.plugin.detectors.patching import Patcher


# The selector waits an event loop makes on every iteration: timing them would put
# a cost on every await, and they are the loop idling, never the loop held. A
# user's own call to one of them still shows up as lag.
LOOP_INTERNALS = frozenset({
    "select.epoll.poll", "select.poll.poll", "select.devpoll.poll", "select.kqueue.control",
    "selectors.BaseSelector.select",
})


class CallSink(Protocol):
    def __call__(self, api: BlockingAPI, loop: Any, started: float, held: float,
                 frame: FrameType) -> None: ...


_UNPATCHABLE = object()


def _resolve(name: str) -> Any:
    """``(owner, attribute)`` for ``name`` -- the owner a module or a class -- when its
    module is imported; None when it is not (yet); ``_UNPATCHABLE`` when the target
    is not something a patch can replace for good."""
    parts = name.split(".")
    for split in range(len(parts) - 1, 0, -1):
        module = sys.modules.get(".".join(parts[:split]))
        if module is None:
            continue
        owner: Any = module
        try:
            for part in parts[split:-1]:
                owner = getattr(owner, part)
        except AttributeError:
            return None  # a submodule not imported yet, perhaps
        if not (inspect.ismodule(owner) or isinstance(owner, type)):
            return _UNPATCHABLE  # an instance (sys.stdin): patching it would not last
        target = getattr(owner, parts[-1], None)
        if target is None:
            return None
        if isinstance(target, type) or not callable(target):
            return _UNPATCHABLE  # wrapping a class would break isinstance()
        return owner, parts[-1]
    return None


class CallInterceptor:
    """Wraps the catalogue's blocking APIs and reports calls that hold a running loop."""

    def __init__(self, sink: CallSink, apis: Iterable[BlockingAPI] = BLOCKING_APIS):
        self._sink = sink
        self._pending = [api for api in apis if api.patchable and api.name not in LOOP_INTERNALS]
        self._patcher = Patcher()
        self._modules_seen = 0  # len(sys.modules) at the last refresh
        # Shortest threshold in effect: calls shorter than this skip the sink.
        self.threshold = float("inf")
        self.enabled = False
        # Thread ident -> a running "loop" asyncio does not know of (a trio run).
        self.other_loops: dict[int, Any] = {}
        # thread ident -> (the intercepted call running there, when it started, its loop)
        self._inside: dict[int, tuple[BlockingAPI, float, Any]] = {}
        ref = weakref.ref(self)
        # A forked child inherits the patches and maybe a running loop, but no sink.
        os.register_at_fork(after_in_child=lambda: _disable(ref))

    def install(self) -> None:
        self.refresh()

    def uninstall(self) -> None:
        self.enabled = False
        self._patcher.undo()
        self._pending = []

    def refresh(self) -> None:
        """Patch the entries whose module has been imported since the last call.

        Nothing is imported here: a suite pays only for the modules it uses, and
        the check is skipped while no module was imported since the last one."""
        if len(sys.modules) == self._modules_seen:
            return
        self._modules_seen = len(sys.modules)
        still_pending = []
        for api in self._pending:
            target = _resolve(api.name)
            if target is None:
                still_pending.append(api)
            elif target is not _UNPATCHABLE:
                self._patcher.replace(*target, self._wrapper_factory(api))
        self._pending = still_pending

    def current_call(self, thread_ident: int) -> str | None:
        """The intercepted call running on that thread right now, if any."""
        entry = self._inside.get(thread_ident)
        return entry[0].name if entry is not None else None

    def running(self) -> dict[int, tuple[BlockingAPI, float, Any]]:
        """Thread ident -> (the intercepted call holding that thread's loop, when it started,
        the loop)."""
        return dict(self._inside)

    def _wrapper_factory(self, api: BlockingAPI) -> Callable[[Callable], Callable]:
        def make(original: Callable) -> Callable:
            @functools.wraps(original)
            def blocking_api(*args, **kwargs):
                loop = _get_running_loop()
                if loop is None and self.other_loops:
                    loop = self.other_loops.get(threading.get_ident())
                if loop is None or not self.enabled:
                    return original(*args, **kwargs)
                return self._timed(api, loop, original, args, kwargs)
            # Known to the loop registry: a callback that is a blocking API has no user
            # frame under it, so where it was scheduled is recorded instead.
            blocking_api.__loopsafe_blocking__ = api.name
            return blocking_api
        return make

    def _timed(self, api: BlockingAPI, loop: Any, original: Callable, args: tuple,
               kwargs: dict) -> Any:
        ident = threading.get_ident()
        if ident in self._inside:
            return original(*args, **kwargs)  # nested (shutil.copy opening files): report the outer
        started = perf_counter()
        self._inside[ident] = (api, started, loop)
        try:
            return original(*args, **kwargs)
        finally:
            held = perf_counter() - started
            del self._inside[ident]
            if held >= self.threshold:
                self._report(api, loop, started, held, sys._getframe(2))

    def _report(self, api: BlockingAPI, loop: Any, started: float, held: float,
                frame: FrameType) -> None:
        try:
            self._sink(api, loop, started, held, frame)
        except Exception as exc:  # the detector must never replace the call's own outcome
            sys.stderr.write(f"loopsafe: could not record blocking call {api.name}: {exc!r}\n")


def _disable(ref: weakref.ref) -> None:
    interceptor = ref()
    if interceptor is not None:
        interceptor.enabled = False

"""The calls that hand a callable to another thread or another process.

``threading.Thread(target=work)``, ``loop.run_in_executor(None, work)``,
``pool.submit(work)``, ``multiprocessing.Process(target=work)``... each runs
``work`` somewhere other than the code that made the call. The LS2 rules need
that to know which functions run off the event loop's thread, the LS3 rules to
know what is pickled and sent to a child process. The table below is plain
data: which API, where its callable and the callable's arguments are, and
where the callable runs.

Where a ``run_in_executor`` call runs its callable depends on its first
argument (``None`` or a thread pool: a thread; a process pool: a process); that
is decided here, with the executor's type resolved across files.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING

from .. import catalogue
from ..catalogue import concurrency
from ..catalogue.concurrency import HandoffAPI
from .facts import ArgRef, CallSite, PackedArgs

if TYPE_CHECKING:
    from .project import FunctionRef, Project

THREAD = concurrency.THREAD
PROCESS = concurrency.PROCESS
# `x.submit(fn)` is a hand-off only when `x` is named like an executor or pool: the
# name is too common (forms, job queues) to trust on its own.
_EXECUTOR_WORDS = ("executor", "pool")



@dataclass(frozen=True)
class Handoff:
    """A call that runs ``callable`` (with ``args`` and ``kwargs``) in a thread or a process.

    ``inferred``: matched by method name only, or with an executor of unknown
    type; rules that must be precise can skip these.
    """

    file: int
    call: CallSite
    api: HandoffAPI
    callable: ArgRef
    args: tuple[ArgRef, ...]
    destination: str
    inferred: bool = False
    kwargs: tuple[tuple[str, ArgRef], ...] = ()


# ------------------------------------------------------------------ matching
def _api_for(name: str) -> HandoffAPI | None:
    """The API of a resolved callee name, methods inherited from catalogue bases
    included (``ThreadPoolExecutor`` subclasses, aliases)."""
    api = concurrency.HANDOFFS_BY_NAME.get(catalogue.canonical(name))
    if api is not None:
        return api
    owner, _, method = name.rpartition(".")
    if owner:
        for base in catalogue.type_ancestry(owner)[1:]:
            api = concurrency.HANDOFFS_BY_NAME.get(f"{base}.{method}")
            if api is not None:
                return api
    return None


def _by_method_name(call: CallSite) -> HandoffAPI | None:
    """By the method's name, for a receiver of unknown type (``self.loop``, or a
    global first bound to ``None``); the caller has ruled out the project's own
    functions and methods."""
    api = concurrency.HANDOFFS_BY_METHOD.get(call.method or "")
    if api is None:
        return None
    if call.method == "submit":
        receiver = call.text.rpartition(".")[0].rpartition(".")[2].lower()
        if not any(word in receiver for word in _EXECUTOR_WORDS):
            return None
    return api


def _executor_destination(project: "Project", executor: ArgRef | None) -> tuple[str, bool]:
    """Where ``run_in_executor(executor, ...)`` runs its callable, and whether that is a guess."""
    if executor is None or (executor.kind == "literal" and executor.value == "None"):
        return THREAD, False
    type_name = project.resolve_type(executor.type) if executor.type else None
    if type_name:
        ancestry = catalogue.type_ancestry(type_name)
        if any(t in ancestry for t in concurrency.THREAD_POOL_TYPES):
            return THREAD, False
        if any(t in ancestry for t in concurrency.PROCESS_POOL_TYPES):
            return PROCESS, False
    return THREAD, True


def _arguments(call: CallSite, api: HandoffAPI, packed: dict[int, PackedArgs]) -> tuple[ArgRef, ...]:
    """What the callable is called with: positional arguments after it, or the
    elements of ``args=(...)`` (the tuple itself when its elements are unknown)."""
    args: tuple[ArgRef, ...] = ()
    if api.args_from is not None:
        args = call.args[api.args_from:]
    if not args and api.args_keyword:
        keyword = call.kwarg(api.args_keyword)
        if keyword is not None:
            recorded = packed.get(call.node) if api.args_keyword == "args" else None
            args = recorded.elements if recorded is not None and recorded.elements else (keyword,)
    return args


def _handoffs_of_file(project: "Project", file_index: int) -> list[Handoff]:
    found: list[Handoff] = []
    facts = project.files[file_index]
    packed = {p.call: p for p in facts.packed_args}
    for call in facts.calls:
        callee = project.resolved(file_index, call)
        api = _api_for(callee.name) if callee is not None else None
        inferred = False
        if api is None and (callee is None or callee.function is None):
            api = _by_method_name(call)
            inferred = api is not None
        if api is None:
            continue
        target = call.arg(api.position, api.keyword)
        if target is None:
            continue
        destination = api.destination
        if destination == concurrency.EXECUTOR_DESTINATION:
            destination, guessed = _executor_destination(project, call.arg(0, "executor"))
            inferred = inferred or guessed
        kwargs = tuple(kv for kv in call.kwargs if kv[0] != api.keyword) if api.passes_kwargs else ()
        if api.args_keyword == "args" and call.node in packed:
            kwargs += packed[call.node].keywords
        found.append(Handoff(file_index, call, api, target, _arguments(call, api, packed), destination, inferred,
                             kwargs))
    return found


def handoffs_of(project: "Project", file_index: int) -> list[Handoff]:
    """The calls of one file that run a callable in a thread or a process."""
    by_file: dict[int, list[Handoff]] = project.cached("handoffs-by-file", dict)
    found = by_file.get(file_index)
    if found is None:
        found = by_file[file_index] = _handoffs_of_file(project, file_index)
    return found


def handoffs(project: "Project") -> list[Handoff]:
    """Every call of the project that runs a callable in a thread or a process."""
    return project.cached("handoffs", lambda: [h for index in range(len(project.files))
                                                  for h in handoffs_of(project, index)])


def reported_handoffs(project: "Project") -> list[Handoff]:
    """Those of the reported files (``Project.reported``)."""
    return [h for index in project.reported_files() for h in handoffs_of(project, index)]


# ------------------------------------------------------------------ callables
def callable_function(project: "Project", file_index: int, call: CallSite, ref: ArgRef) -> "FunctionRef | None":
    """The function of the analysed code that ``ref`` (a callable argument of
    ``call`` in file ``file_index``) stands for: a module function, a method
    (``Cls.m``, ``self.m``), a nested def, a lambda, the function inside a
    ``functools.partial``. None when it is not the project's own."""
    from .project import FunctionRef

    if ref.kind == "partial" and ref.inner is not None:
        return callable_function(project, file_index, call, ref.inner)
    if ref.kind == "ref":
        return project.find_function(project.resolve(ref.value), file_index)
    if ref.kind == "method":  # `self.work`: "<type of self>.work"
        owner_type, _, name = ref.value.rpartition(".")
        owner = project.resolve_type(owner_type)
        return project.method(owner, name, file_index) if owner else None
    if ref.kind == "lambda":
        index = _lambda_index(project, file_index, call, ref)
        return FunctionRef(file_index, index) if index is not None else None
    return None


def _lambda_index(project: "Project", file_index: int, call: CallSite, ref: ArgRef) -> int | None:
    """The lambda written as an argument of ``call``: the walk numbers a call
    before its arguments, so it is the n-th lambda of that name after the call
    node, n counting the lambda arguments before it."""
    arguments = [*call.args, *(value for _, value in call.kwargs)]
    lambdas = [a for a in arguments if a.kind == "lambda" and a.value == ref.value]
    wanted = next((n for n, a in enumerate(lambdas) if a is ref), 0)
    seen = 0
    for index, function in enumerate(project.files[file_index].functions):
        if (function.kind == "lambda" and function.qualname == ref.value and function.node > call.node
                and function.parent == call.function):
            if seen == wanted:
                return index
            seen += 1
    return None


def subclass_entries(project: "Project") -> list[tuple["FunctionRef", str]]:
    """The functions of the project that another thread or process calls
    without a hand-off call in the code: ``run`` of a ``Thread`` or ``Process``
    subclass, a watchdog handler's ``on_modified``..., a ``@sync_to_async``
    function; with where they run."""
    found = []
    for refs in project.functions.values():
        for ref in refs:
            if concurrency.THREAD_DECORATORS.intersection(project.function(ref).decorators):
                found.append((ref, THREAD))
    for qualname, (file_index, _) in project.classes.items():
        entry = _framework_base(project, qualname)
        if entry is None:
            continue
        destination, methods = entry
        if methods == concurrency.EVERY_METHOD:
            # the sync methods the class defines (a gRPC servicer's: `async def` ones are grpc.aio's)
            found.extend((ref, destination) for ref in project.functions_of_class(qualname)
                         if not project.function(ref).is_async and not project.function(ref).name.startswith("_"))
            continue
        for name in methods:
            ref = project.method(qualname, name, file_index)
            if ref is not None:
                found.append((ref, destination))
    return found


def _framework_base(project: "Project", qualname: str) -> tuple[str, tuple[str, ...]] | None:
    for owner in project.mro(qualname):
        for base in project.classes[owner][1].bases:
            ancestry = catalogue.type_ancestry(project.resolve(base))
            for framework_class, entry in concurrency.ENTRY_METHODS.items():
                if any(fnmatchcase(t, framework_class) for t in ancestry):
                    return entry
    return None

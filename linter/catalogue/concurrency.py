"""Where code runs: event loops, threads, processes and the APIs that move work between them.

The LS2 and LS3 rules and the where-code-runs analysis ask these tables; no other module of
the linter spells these names. Sets that look alike differ on purpose, and each says why.
"""

from __future__ import annotations

from dataclasses import dataclass

# ------------------------------------------------------------------ types
EVENT_LOOP = "asyncio.AbstractEventLoop"
ASYNCIO_FUTURE = "asyncio.Future"
RUNNER = "asyncio.Runner"
EXECUTOR = "concurrent.futures.Executor"
THREAD_TYPE = "threading.Thread"
PROCESS_TYPE = "multiprocessing.Process"
MP_CONTEXT = "multiprocessing.context.BaseContext"  # `multiprocessing.get_context()`
THREAD_POOL_TYPES = ("concurrent.futures.ThreadPoolExecutor", "multiprocessing.pool.ThreadPool")
PROCESS_POOL_TYPES = ("concurrent.futures.ProcessPoolExecutor", "multiprocessing.pool.Pool")
# multiprocessing pool types -> the Executor to use instead (run_in_executor wants an Executor)
POOL_REPLACEMENTS = (
    ("multiprocessing.pool.ThreadPool", "concurrent.futures.ThreadPoolExecutor"),
    ("multiprocessing.pool.Pool", "concurrent.futures.ProcessPoolExecutor"),
)
# asyncio objects bound to their loop: not thread-safe
ASYNCIO_PRIMITIVES = ("asyncio.Queue", "asyncio.Lock", "asyncio.Event", "asyncio.Condition", "asyncio.Semaphore",
                      "asyncio.Barrier")
# loop-bound objects and their methods that are not thread-safe but need no `await`
LOOP_BOUND_SYNC_METHODS = {
    ASYNCIO_FUTURE: frozenset({"set_result", "set_exception", "cancel"}),
    "asyncio.Queue": frozenset({"put_nowait", "get_nowait"}),
    "asyncio.Event": frozenset({"set"}),
}
THREAD_LOCKS = ("threading.Lock", "threading.RLock", "threading.Semaphore", "threading.BoundedSemaphore",
                "threading.Condition")
# what pickle refuses, so an object holding one cannot be sent to another process
UNPICKLABLE_TYPES = frozenset({*THREAD_LOCKS, "threading.Event", THREAD_TYPE, "socket.socket", "io.IOBase",
                               "sqlite3.Connection", EXECUTOR, EVENT_LOOP})

# ------------------------------------------------------------------ event loops
GET_EVENT_LOOP = "asyncio.get_event_loop"
GET_RUNNING_LOOP = "asyncio.get_running_loop"
SET_EVENT_LOOP = "asyncio.set_event_loop"
RUN_COROUTINE_THREADSAFE = "asyncio.run_coroutine_threadsafe"
RUN_IN_EXECUTOR = "asyncio.AbstractEventLoop.run_in_executor"
# schedule a coroutine on the running loop: from a thread there is none
CREATE_TASK_FUNCTIONS = frozenset({"asyncio.create_task", "asyncio.ensure_future"})
# asking whether a loop runs (a function that asks first handles both cases)
RUNNING_LOOP_CHECKS = frozenset({GET_RUNNING_LOOP, "asyncio._get_running_loop", "asyncio.events._get_running_loop"})
NEST_ASYNCIO = "nest_asyncio.apply"  # allows a nested asyncio loop
# functions that run an asyncio loop to completion in the calling thread
LOOP_RUNNERS = frozenset({"asyncio.run", "uvloop.run", "anyio.run"})
# wrappers whose call runs a coroutine function to completion from sync code, and raise
# `RuntimeError` in a thread whose event loop runs: `async_to_sync(fetch)(url)`
SYNC_BRIDGES = frozenset({"asgiref.sync.async_to_sync"})
# ... and with `asyncio.Runner`: what "this process runs an event loop" looks for
LOOP_RUNNERS_AND_RUNNER = LOOP_RUNNERS | {RUNNER}
LOOP_RUN_METHODS = frozenset({"run_until_complete", "run_forever"})
# runners given the coroutine *function* (`anyio.run(main)`), not a coroutine object
RUN_BY_REFERENCE = frozenset({"anyio.run", "trio.run"})
# calls that make the calling thread own an event loop (trio's too: its thread is taken)
LOOP_OWNING_CALLS = LOOP_RUNNERS | {"asyncio.new_event_loop", SET_EVENT_LOOP, RUNNER, "uvloop.new_event_loop",
                                    "trio.run"}
# constructors of loops that someone must close
NEW_LOOP = frozenset({"asyncio.new_event_loop", "uvloop.new_event_loop", "asyncio.SelectorEventLoop",
                      "asyncio.ProactorEventLoop", "asyncio.EventLoop", "uvloop.Loop"})
# calls that take a loop without taking over closing it
LOOP_BORROWERS = frozenset({SET_EVENT_LOOP, RUN_COROUTINE_THREADSAFE, "asyncio.ensure_future", "asyncio.wrap_future"})

# ------------------------------------------------------------------ threads and processes
# Calls that start worker processes when they are made (a `multiprocessing.Pool` starts its
# workers in its constructor; a `Manager()` its server process). A ProcessPoolExecutor starts
# them lazily, but creating one at import time is the same bug as soon as anything is submitted.
PROCESS_POOL_FACTORIES = frozenset({
    "multiprocessing.Pool", "multiprocessing.pool.Pool", "multiprocessing.Manager",
    "concurrent.futures.ProcessPoolExecutor",
})
# the same, as methods of a multiprocessing context
CONTEXT_PROCESS_POOL_METHODS = frozenset({"Pool", "Manager"})
# where the pool constructors take `initializer` positionally
INITIALIZER_POSITIONS = {
    "multiprocessing.Pool": 1, "multiprocessing.pool.Pool": 1, "multiprocessing.get_context().Pool": 1,
    "concurrent.futures.ProcessPoolExecutor": 2,
}
# Calls that start threads. A process pool also runs helper threads, but that is
# multiprocessing's own business and counting it would flag every fork-started pool.
THREAD_POOL_FACTORIES = frozenset({*THREAD_POOL_TYPES, "multiprocessing.dummy.Pool"})
THREAD_FUNCTIONS = frozenset({"asyncio.to_thread", "_thread.start_new_thread", "_thread.start_new",
                              "anyio.to_thread.run_sync"})
FORK_CALLS = frozenset({"os.fork", "os.forkpty", "pty.fork"})
START_METHOD_CALLS = frozenset({"multiprocessing.set_start_method", "multiprocessing.get_context"})

# ------------------------------------------------------------------ hand-offs
THREAD = "thread"
PROCESS = "process"
EXECUTOR_DESTINATION = "executor"  # decided by the executor argument of run_in_executor


@dataclass(frozen=True)
class HandoffAPI:
    """One API that runs a callable elsewhere.

    ``position``/``keyword``: where the callable is (positions count after the
    receiver). ``args_from``: the first positional argument passed on to the
    callable (``submit(fn, *args)``); ``args_keyword``: the keyword holding
    them as one tuple (``Thread(args=...)``). ``passes_kwargs``: its other
    keyword arguments go to the callable (``asyncio.to_thread(fn, key=1)``).
    """

    name: str
    destination: str
    position: int | None
    keyword: str | None = None
    args_from: int | None = None
    args_keyword: str | None = None
    passes_kwargs: bool = False


def _apis(destination: str, names: tuple[str, ...], position: int | None, keyword: str | None = None,
          args_from: int | None = None, args_keyword: str | None = None, passes_kwargs: bool = False
          ) -> list[HandoffAPI]:
    return [HandoffAPI(n, destination, position, keyword, args_from, args_keyword, passes_kwargs) for n in names]


_POOL_METHODS = ("apply", "apply_async", "map", "map_async", "starmap", "starmap_async",
                 "imap", "imap_unordered")
EXECUTOR_SUBMIT = "concurrent.futures.Executor.submit"

HANDOFF_APIS: tuple[HandoffAPI, ...] = tuple(
    _apis(THREAD, (THREAD_TYPE,), 1, "target", args_keyword="args")
    + _apis(THREAD, ("threading.Timer",), 1, "function", 2, "args")
    + _apis(THREAD, ("_thread.start_new_thread", "_thread.start_new"), 0, "function", 1)
    + _apis(THREAD, ("asyncio.to_thread", "starlette.concurrency.run_in_threadpool",
                     "fastapi.concurrency.run_in_threadpool"), 0, None, 1, passes_kwargs=True)
    + _apis(THREAD, ("anyio.to_thread.run_sync", "trio.to_thread.run_sync"), 0, None, 1)
    # wrappers whose calls run the function in a thread: `await sync_to_async(fn)(x)`
    + _apis(THREAD, ("asgiref.sync.sync_to_async", "asyncer.asyncify"), 0, "func")
    + _apis(EXECUTOR_DESTINATION, (RUN_IN_EXECUTOR,), 1, None, 2)
    + _apis(THREAD, ("concurrent.futures.ThreadPoolExecutor.submit",), 0, "fn", 1, passes_kwargs=True)
    + _apis(THREAD, ("concurrent.futures.ThreadPoolExecutor.map",), 0, "fn", 1)
    + _apis(THREAD, tuple(f"multiprocessing.pool.ThreadPool.{m}" for m in _POOL_METHODS), 0, "func", 1, "args")
    + _apis(PROCESS, ("concurrent.futures.ProcessPoolExecutor.submit",), 0, "fn", 1, passes_kwargs=True)
    + _apis(PROCESS, ("concurrent.futures.ProcessPoolExecutor.map",), 0, "fn", 1)
    + _apis(PROCESS, (PROCESS_TYPE,), 1, "target", args_keyword="args")
    + _apis(PROCESS, (f"{MP_CONTEXT}.Process",), 1, "target", args_keyword="args")
    + _apis(PROCESS, tuple(f"multiprocessing.pool.Pool.{m}" for m in _POOL_METHODS), 0, "func", 1, "args")
    + _apis(PROCESS, ("anyio.to_process.run_sync",), 0, None, 1)
    # library callbacks run in the library's own thread: PortAudio's audio thread, the
    # thread that finished a concurrent.futures future (or the caller's, if it was done)
    + _apis(THREAD, tuple(f"sounddevice.{stream}" for stream in (
        "Stream", "InputStream", "OutputStream", "RawStream", "RawInputStream", "RawOutputStream")),
        None, "callback")
    + _apis(THREAD, ("concurrent.futures.Future.add_done_callback",), 0, "fn")
    # paho-mqtt's network thread (`loop_start()`) runs its message callbacks
    + _apis(THREAD, ("paho.mqtt.client.Client.message_callback_add",), 1, "callback")
    # ... and those assigned to it (`client.on_message = handler`: a property setter, whose
    # value is its argument)
    + _apis(THREAD, tuple(f"paho.mqtt.client.Client.on_{event}" for event in (
        "connect", "connect_fail", "disconnect", "message", "publish", "subscribe", "unsubscribe", "log",
        "socket_open", "socket_close", "socket_register_write", "socket_unregister_write")), 0)
    # Tk runs its callbacks in the thread of its mainloop, never the event loop's
    + _apis(THREAD, ("tkinter.Misc.after",), 1, "func", 2)
    + _apis(THREAD, ("tkinter.Misc.after_idle",), 0, "func", 1)
    + _apis(THREAD, ("tkinter.Misc.bind", "tkinter.Misc.bind_all"), 1, "func")
    + _apis(THREAD, tuple(f"tkinter.{w}" for w in ("Button", "Checkbutton", "Radiobutton", "Scale", "Spinbox",
                                                    "ttk.Button", "ttk.Checkbutton", "ttk.Radiobutton",
                                                    "ttk.Scale", "ttk.Spinbox")), None, "command")
    # the executor's kind is unknown: a thread pool is the common case
    + _apis(THREAD, (EXECUTOR_SUBMIT,), 0, "fn", 1, passes_kwargs=True)
    + _apis(THREAD, ("concurrent.futures.Executor.map",), 0, "fn", 1)
)
HANDOFFS_BY_NAME = {api.name: api for api in HANDOFF_APIS}
# Matched by method name alone when the receiver's type is unknown
# (`self.loop.run_in_executor(None, fn)` with `self.loop` untyped).
HANDOFFS_BY_METHOD = {
    "run_in_executor": HANDOFFS_BY_NAME[RUN_IN_EXECUTOR],
    "submit": HANDOFFS_BY_NAME[EXECUTOR_SUBMIT],
}

_WATCHDOG = (THREAD, ("dispatch", "on_any_event", "on_created", "on_deleted", "on_modified", "on_moved",
                     "on_closed", "on_closed_no_write", "on_opened"))
# every public sync method the subclass defines
EVERY_METHOD = ("*",)
# Classes whose subclasses' methods are called in another thread or process:
# base class (or a pattern of names) -> (destination, method names).
ENTRY_METHODS: dict[str, tuple[str, tuple[str, ...]]] = {
    THREAD_TYPE: (THREAD, ("run",)),
    PROCESS_TYPE: (PROCESS, ("run",)),
    # a sync gRPC server calls its servicers' methods in the threads of its executor
    "*_pb2_grpc.*Servicer": (THREAD, EVERY_METHOD),
    # watchdog's observer thread calls the handlers of file-system events
    **{f"watchdog.events.{name}": _WATCHDOG for name in (
        "FileSystemEventHandler", "PatternMatchingEventHandler", "RegexMatchingEventHandler",
        "LoggingEventHandler")},
}
# Decorators that make every call of the function run in a worker thread.
THREAD_DECORATORS = frozenset({"asgiref.sync.sync_to_async", "asyncer.asyncify"})
# ... and those that make it an awaitable run in a worker thread (a superset)
OFFLOADING_DECORATORS = frozenset({"asgiref.sync.sync_to_async", "channels.db.database_sync_to_async",
                                   "aiomisc.threaded", "asyncer.asyncify", "fastapi.concurrency.run_in_threadpool"})

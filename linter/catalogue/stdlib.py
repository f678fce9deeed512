"""The standard library's blocking APIs, types and aliases.

Third-party libraries live in ``libraries/``, one module each; the package merges both.
"""

from __future__ import annotations

from .model import DB as _DB
from .model import HTTP as _HTTP
from .model import IN_MEMORY, BlockingAPI, BlockingType, BlocksWhenGiven, Kind, NonBlockingWhen, ReturnsWhen, in_memory
from .model import blocking_type as _blocking_type
from .model import entries as _entries

# what `queue.Queue()` (any of its kinds) and `multiprocessing.Queue()` make without a maxsize:
# the linter's names for an unbounded queue, whose `put` always has room
_UNBOUNDED_QUEUE = "queue.UnboundedQueue"
_UNBOUNDED_PROCESS_QUEUE = "multiprocessing.queues.UnboundedQueue"
_NO_MAXSIZE = ("0", "-1")
_NON_BLOCKING_SOCKET = "socket.NonBlockingSocket"
VARIANTS = {_UNBOUNDED_QUEUE: "queue.Queue", _UNBOUNDED_PROCESS_QUEUE: "multiprocessing.queues.Queue",
            _NON_BLOCKING_SOCKET: "socket.socket"}
# (type, method) -> (literal arguments, variant): after `sock.setblocking(False)` the
# socket's calls return at once (or raise BlockingIOError) instead of waiting
SWITCHES = {
    ("socket.socket", "setblocking"): (("False", "0"), _NON_BLOCKING_SOCKET),
    ("socket.socket", "settimeout"): (("0", "0.0"), _NON_BLOCKING_SOCKET),
}
RETURNS_WHEN = [
    *(ReturnsWhen(queue, "maxsize", 0, _NO_MAXSIZE, _UNBOUNDED_QUEUE)
      for queue in ("queue.Queue", "queue.LifoQueue", "queue.PriorityQueue")),
    *(ReturnsWhen(queue, "maxsize", 0, _NO_MAXSIZE, _UNBOUNDED_PROCESS_QUEUE)
      for queue in ("multiprocessing.Queue", "multiprocessing.JoinableQueue")),
]

_NO_BLOCK = NonBlockingWhen("block", 0, ("False", "0"))
_CONSOLE = ("sys.stdin", "sys.stdout", "sys.stderr")
_NO_BLOCKING = NonBlockingWhen("blocking", 0, ("False", "0"))
# where the timeout stands among positional arguments: wait(timeout), get(block, timeout)
_ZERO_TIMEOUT_FIRST = NonBlockingWhen("timeout", 0, ("0", "0.0"))
_ZERO_TIMEOUT_SECOND = NonBlockingWhen("timeout", 1, ("0", "0.0"))
_ZERO_TIMEOUT_THIRD = NonBlockingWhen("timeout", 2, ("0", "0.0"))
_QUEUE_PUT_NO_BLOCK = NonBlockingWhen("block", 1, ("False", "0"))
_NO_WAIT = NonBlockingWhen("wait", 0, ("False", "0"))

_SOCK = "asyncio streams (`asyncio.open_connection`) or `loop.sock_*` methods"
_PROC = "`asyncio.create_subprocess_exec` / `asyncio.create_subprocess_shell`"
_FILE = "`anyio.Path` / `anyio.open_file`, or `asyncio.to_thread`"
_SYNC = "the asyncio primitive (`asyncio.Lock`, `asyncio.Event`, `asyncio.Queue`) or `asyncio.to_thread`"
_FUT = "`await asyncio.wrap_future(fut)` or `await loop.run_in_executor(...)`"
# it waits for every task still queued or running: the executor's, not one future's
_SHUTDOWN = ("`await asyncio.to_thread(executor.shutdown)`, or `executor.shutdown(wait=False)` where "
             "nothing needs the pending work to finish first")
_PROCESS_WAIT = "`await asyncio.to_thread(...)`, or `loop.run_in_executor` with a `ProcessPoolExecutor`"
_MAIL = "an async client (aiosmtplib, aioftp, aioimaplib) or `asyncio.to_thread`"
_SERIALISE = "`json.dumps` / `pickle.dumps` in memory and `anyio` to write, or `asyncio.to_thread`"


BLOCKING_APIS: tuple[BlockingAPI, ...] = tuple(
    _entries(Kind.SLEEP, "`await asyncio.sleep(...)`", ["time.sleep"],
             NonBlockingWhen("secs", 0, ("0", "0.0")))
    # --- network -----------------------------------------------------------
    + _entries(Kind.NETWORK, _SOCK, [
        "socket.create_connection", "socket.create_server",
        "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr",
        "socket.getnameinfo", "socket.getfqdn",
        "socket.socket.connect", "socket.socket.connect_ex", "socket.socket.accept",
        "socket.socket.recv", "socket.socket.recv_into", "socket.socket.recvfrom",
        "socket.socket.recvfrom_into", "socket.socket.recvmsg",
        "socket.socket.send", "socket.socket.sendall", "socket.socket.sendto",
        "socket.socket.sendmsg", "socket.socket.sendfile",
        "ssl.SSLSocket.do_handshake",
    ])
    # a numeric host is parsed, not looked up
    + _entries(Kind.NETWORK, _SOCK, ["socket.getaddrinfo"], NonBlockingWhen("flags", 5, ("socket.AI_NUMERICHOST",)))
    + _entries(Kind.NETWORK, _SOCK, ["select.select"], NonBlockingWhen("timeout", 3, ("0", "0.0")))
    + _entries(Kind.NETWORK, _SOCK, ["select.epoll.poll", "selectors.BaseSelector.select"],
               NonBlockingWhen("timeout", 0, ("0", "0.0")))
    # `select.poll()` makes an object of a type the module does not export
    + _entries(Kind.NETWORK, _SOCK, ["select.poll.poll"], patchable=False)
    + _entries(Kind.NETWORK, _HTTP, [
        "urllib.request.urlopen", "urllib.request.urlretrieve",
        "urllib.request.OpenerDirector.open",
        "http.client.HTTPConnection.request", "http.client.HTTPConnection.getresponse",
        "http.client.HTTPConnection.connect", "http.client.HTTPConnection.send",
        "http.client.HTTPConnection.endheaders",
        "http.client.HTTPResponse.read", "http.client.HTTPResponse.readline",
    ])
    # every other method of these clients is a round trip too: BLOCKING_TYPES below
    + _entries(Kind.NETWORK, _MAIL, [
        "smtplib.SMTP.sendmail", "smtplib.SMTP.send_message", "smtplib.SMTP.connect",
        "smtplib.SMTP.login", "smtplib.SMTP.starttls", "smtplib.SMTP.quit",
        # these always connect: POP3 needs a host, IMAP4's defaults to localhost
        "poplib.POP3", "poplib.POP3_SSL", "imaplib.IMAP4", "imaplib.IMAP4_SSL", "imaplib.IMAP4_stream",
        "ftplib.FTP.retrbinary", "ftplib.FTP.retrlines", "ftplib.FTP.storbinary",
        "urllib.robotparser.RobotFileParser.read",
    ])
    # these constructors connect only when given a host
    + _entries(Kind.NETWORK, _MAIL, ["smtplib.SMTP", "smtplib.SMTP_SSL", "smtplib.LMTP", "ftplib.FTP",
                                     "ftplib.FTP_TLS"], BlocksWhenGiven("host", 0, ('""', "''")))
    # --- subprocess --------------------------------------------------------
    + _entries(Kind.SUBPROCESS, _PROC, [
        "subprocess.run", "subprocess.call", "subprocess.check_call",
        "subprocess.check_output", "subprocess.getoutput", "subprocess.getstatusoutput",
        "subprocess.Popen.wait", "subprocess.Popen.communicate",
        "os.system", "os.popen", "os.wait",
    ])
    + _entries(Kind.SUBPROCESS, _PROC, ["os.waitpid", "os.wait4"],
               NonBlockingWhen("options", 1, ("os.WNOHANG",)))
    + _entries(Kind.SUBPROCESS, _PROC, ["os.wait3"], NonBlockingWhen("options", 0, ("os.WNOHANG",)))
    + _entries(Kind.SUBPROCESS, _PROC, ["os.spawnl", "os.spawnv"],
               NonBlockingWhen("mode", 0, ("os.P_NOWAIT", "os.P_NOWAITO")))
    # --- files -------------------------------------------------------------
    + _entries(Kind.FILE, _FILE, [
        "builtins.open", "io.open", "os.fdopen",
        "io.IOBase.readline", "io.IOBase.readlines", "io.IOBase.writelines", "io.IOBase.flush",
        "io.TextIOBase.read", "io.TextIOBase.write", "io.BufferedIOBase.read",
        "io.BufferedIOBase.write", "io.RawIOBase.read", "io.RawIOBase.write",
        "pathlib.Path.open", "pathlib.Path.read_text", "pathlib.Path.read_bytes",
        "pathlib.Path.write_text", "pathlib.Path.write_bytes",
        "shutil.copy", "shutil.copy2", "shutil.copyfile", "shutil.copyfileobj",
        "shutil.copytree", "shutil.move", "shutil.rmtree", "shutil.make_archive",
        "shutil.unpack_archive",
    ], patchable=True)
    # calls that change or scan directories wait for the disk; `stat`-like metadata reads
    # are left out (the page cache answers them)
    + _entries(Kind.FILE, _FILE, [
        "os.remove", "os.unlink", "os.rename", "os.renames", "os.replace", "os.mkdir", "os.makedirs",
        "os.rmdir", "os.removedirs", "os.listdir", "os.scandir", "os.walk", "os.fsync",
        # archives and persistent dictionaries: their files are read and written as they go
        "zipfile.ZipFile.extract", "zipfile.ZipFile.extractall", "zipfile.ZipFile.write",
        "tarfile.TarFile.extract", "tarfile.TarFile.extractall", "tarfile.TarFile.add",
        "shelve.open", "dbm.open", "shelve.Shelf.sync",
    ], patchable=False)
    # opening a compressed file or an archive opens its path; an in-memory buffer waits for nothing
    + _entries(Kind.FILE, _FILE, ["gzip.open", "bz2.open", "lzma.open"], in_memory("filename", 0),
               patchable=False)
    + _entries(Kind.FILE, _FILE, ["zipfile.ZipFile"], in_memory("file", 0), patchable=False)
    # these take either a path or, by keyword, a file object
    + _entries(Kind.FILE, _FILE, ["gzip.GzipFile", "bz2.BZ2File", "lzma.LZMAFile"],
               BlocksWhenGiven("filename", 0, ("None",)), in_memory("filename", 0), patchable=False)
    + _entries(Kind.FILE, _FILE, ["tarfile.open", "tarfile.TarFile"], BlocksWhenGiven("name", 0, ("None",)),
               patchable=False)
    # (de)serialising to a file reads or writes it; to an in-memory buffer or a console it does not
    + _entries(Kind.FILE, _SERIALISE, ["json.dump", "pickle.dump", "marshal.dump", "plistlib.dump"],
               NonBlockingWhen("fp", 1, _CONSOLE, IN_MEMORY), NonBlockingWhen("file", 1, _CONSOLE, IN_MEMORY),
               patchable=False)
    + _entries(Kind.FILE, _SERIALISE, ["json.load", "pickle.load", "marshal.load", "plistlib.load", "tomllib.load"],
               NonBlockingWhen("fp", 0, _CONSOLE, IN_MEMORY), NonBlockingWhen("file", 0, _CONSOLE, IN_MEMORY),
               patchable=False)
    # --- stdin -------------------------------------------------------------
    + _entries(Kind.STDIN, "`await asyncio.to_thread(input, ...)` or a stream reader on stdin", [
        "builtins.input", "getpass.getpass", "sys.stdin.read", "sys.stdin.readline",
        "sys.stdin.readlines",
    ])
    # --- databases ---------------------------------------------------------
    + _entries(Kind.DATABASE, _DB, [
        "sqlite3.connect", "sqlite3.Connection.execute", "sqlite3.Connection.executemany",
        "sqlite3.Connection.executescript", "sqlite3.Connection.commit",
        "sqlite3.Connection.rollback", "sqlite3.Connection.backup",
        "sqlite3.Cursor.execute", "sqlite3.Cursor.executemany", "sqlite3.Cursor.executescript",
        "sqlite3.Cursor.fetchone", "sqlite3.Cursor.fetchmany", "sqlite3.Cursor.fetchall",
    ], patchable=False)
    # --- thread synchronisation --------------------------------------------
    + _entries(Kind.SYNC, _SYNC, ["threading.Semaphore.acquire", "threading.BoundedSemaphore.acquire"],
               _NO_BLOCKING, _ZERO_TIMEOUT_SECOND)
    # `threading.Lock` is a factory of a C type: the linter's name for it, not patchable
    + _entries(Kind.SYNC, _SYNC, ["threading.Lock.acquire", "threading.RLock.acquire",
                                  "threading.Condition.acquire"],
               _NO_BLOCKING, _ZERO_TIMEOUT_SECOND, patchable=False)
    + _entries(Kind.SYNC, _SYNC, [
        "threading.Event.wait", "threading.Condition.wait", "threading.Barrier.wait",
        "threading.Thread.join",
    ], _ZERO_TIMEOUT_FIRST)
    + _entries(Kind.SYNC, _SYNC, ["threading.Condition.wait_for"], _ZERO_TIMEOUT_SECOND)
    + _entries(Kind.SYNC, _SYNC, ["queue.Queue.join"])
    + _entries(Kind.SYNC, _SYNC, ["queue.Queue.get", "queue.SimpleQueue.get"],
               _NO_BLOCK, _ZERO_TIMEOUT_SECOND)
    + _entries(Kind.SYNC, _SYNC, ["queue.Queue.put"], _QUEUE_PUT_NO_BLOCK, _ZERO_TIMEOUT_THIRD)
    # --- futures and processes ---------------------------------------------
    + _entries(Kind.FUTURES, _FUT, [
        "concurrent.futures.Future.result", "concurrent.futures.Future.exception",
        "multiprocessing.pool.AsyncResult.get", "multiprocessing.pool.AsyncResult.wait",
    ], _ZERO_TIMEOUT_FIRST)
    + _entries(Kind.FUTURES, _FUT, ["concurrent.futures.wait", "concurrent.futures.as_completed"],
               _ZERO_TIMEOUT_SECOND)
    + _entries(Kind.FUTURES, _PROCESS_WAIT, ["multiprocessing.Process.join"], _ZERO_TIMEOUT_FIRST)
    + _entries(Kind.FUTURES, _PROCESS_WAIT, ["multiprocessing.pool.Pool.join"])
    # `poll()` with no timeout returns at once: only a recv waits
    + _entries(Kind.FUTURES, _PROCESS_WAIT, [
        "multiprocessing.connection.Connection.recv",
        "multiprocessing.connection.Connection.recv_bytes",
    ])
    + _entries(Kind.FUTURES, "`loop.run_in_executor(process_pool, fn, arg)` per item, gathered", [
        "multiprocessing.pool.Pool.map", "multiprocessing.pool.Pool.starmap",
        "multiprocessing.pool.Pool.apply", "multiprocessing.pool.Pool.imap",
        "multiprocessing.pool.Pool.imap_unordered",
        # submits everything, then waits for each result as the caller iterates
        "concurrent.futures.Executor.map",
    ])
    + _entries(Kind.FUTURES, _SHUTDOWN, ["concurrent.futures.Executor.shutdown"], _NO_WAIT)
    # leaving `with ProcessPoolExecutor() as pool:` is `shutdown(wait=True)`: it joins the worker
    # processes (a thread pool's threads end at once once the work that was awaited is done)
    + _entries(Kind.FUTURES, _SHUTDOWN, ["concurrent.futures.ProcessPoolExecutor.__exit__"], patchable=False)
    + _entries(Kind.FUTURES, _PROCESS_WAIT, ["multiprocessing.queues.Queue.get"], _NO_BLOCK,
               _ZERO_TIMEOUT_SECOND)
    + _entries(Kind.FUTURES, _PROCESS_WAIT, ["multiprocessing.queues.Queue.put"], _QUEUE_PUT_NO_BLOCK,
               _ZERO_TIMEOUT_THIRD)
)

# Clients whose every public method is a round trip; these return at once.
_CLIENT_LOCAL = ("set_debuglevel", "debug", "has_extn", "getwelcome", "set_pasv",
                 "sock", "file", "close")
BLOCKING_TYPES: tuple[BlockingType, ...] = tuple(
    _blocking_type(name, Kind.NETWORK, _MAIL, *_CLIENT_LOCAL)
    for name in ("smtplib.SMTP", "ftplib.FTP", "imaplib.IMAP4", "poplib.POP3")
) + (
    # a proxy's every attribute is a remote procedure
    _blocking_type("xmlrpc.client.ServerProxy", Kind.NETWORK, _MAIL),
)

# What a call returns, when that is not the callee itself (a class returns an
# instance of itself: `threading.Lock()` is a `threading.Lock`).
RETURNS: dict[str, str] = {
    "builtins.open": "io.TextIOWrapper",
    "io.open": "io.TextIOWrapper",
    "os.fdopen": "io.TextIOWrapper",
    "os.popen": "io.TextIOWrapper",
    "pathlib.Path.open": "io.TextIOWrapper",
    "socket.create_connection": "socket.socket",
    "socket.create_server": "socket.socket",
    "socket.socket.accept": "tuple[socket.socket]",
    "socket.socket.makefile": "io.BufferedIOBase",
    "socket.fromfd": "socket.socket",
    "ssl.SSLContext.wrap_socket": "ssl.SSLSocket",
    "sqlite3.connect": "sqlite3.Connection",
    "sqlite3.Connection.cursor": "sqlite3.Cursor",
    "sqlite3.Connection.execute": "sqlite3.Cursor",
    "urllib.request.build_opener": "urllib.request.OpenerDirector",
    "urllib.request.urlopen": "http.client.HTTPResponse",
    "http.client.HTTPConnection.getresponse": "http.client.HTTPResponse",
    "subprocess.Popen": "subprocess.Popen",
    "select.poll": "select.poll",
    "select.epoll": "select.epoll",
    "selectors.DefaultSelector": "selectors.BaseSelector",
    "threading.Condition": "threading.Condition",
    "threading.Thread": "threading.Thread",
    "threading.Timer": "threading.Thread",
    "concurrent.futures.Executor.submit": "concurrent.futures.Future",
    "concurrent.futures.ThreadPoolExecutor.submit": "concurrent.futures.Future",
    "concurrent.futures.ProcessPoolExecutor.submit": "concurrent.futures.Future",
    "multiprocessing.Pool": "multiprocessing.pool.Pool",
    "multiprocessing.dummy.Pool": "multiprocessing.pool.ThreadPool",  # threads, not processes
    "multiprocessing.pool.Pool.apply_async": "multiprocessing.pool.AsyncResult",
    "multiprocessing.pool.Pool.map_async": "multiprocessing.pool.AsyncResult",
    "multiprocessing.pool.Pool.starmap_async": "multiprocessing.pool.AsyncResult",
    "multiprocessing.Queue": "multiprocessing.queues.Queue",
    "multiprocessing.JoinableQueue": "multiprocessing.queues.Queue",
    "multiprocessing.SimpleQueue": "multiprocessing.queues.Queue",
    "multiprocessing.Pipe": "tuple[multiprocessing.connection.Connection]",
    "multiprocessing.Lock": "threading.Lock",
    "multiprocessing.RLock": "threading.RLock",
    "multiprocessing.Semaphore": "threading.Semaphore",
    "multiprocessing.Event": "threading.Event",
    "multiprocessing.Condition": "threading.Condition",
    "multiprocessing.Barrier": "threading.Barrier",
    "multiprocessing.get_context": "multiprocessing.context.BaseContext",
    "multiprocessing.context.BaseContext.Process": "multiprocessing.Process",
    "multiprocessing.context.BaseContext.Pool": "multiprocessing.pool.Pool",
    "multiprocessing.context.BaseContext.Queue": "multiprocessing.queues.Queue",
    "asyncio.get_running_loop": "asyncio.AbstractEventLoop",
    "asyncio.get_event_loop": "asyncio.AbstractEventLoop",
    "asyncio.new_event_loop": "asyncio.AbstractEventLoop",
    "asyncio.AbstractEventLoop.create_task": "asyncio.Task",
    "asyncio.create_task": "asyncio.Task",
    "asyncio.ensure_future": "asyncio.Future",
    "asyncio.wrap_future": "asyncio.Future",
    "asyncio.shield": "asyncio.Future",
    "asyncio.AbstractEventLoop.create_future": "asyncio.Future",
    "asyncio.AbstractEventLoop.run_in_executor": "asyncio.Future",
    "asyncio.run_coroutine_threadsafe": "concurrent.futures.Future",
    "concurrent.futures.as_completed": "list[concurrent.futures.Future]",
    "builtins.super": "super",
    **{f"pathlib.Path.{m}": "pathlib.Path" for m in (
        "resolve", "absolute", "expanduser", "joinpath", "with_name", "with_suffix", "with_stem",
        "relative_to", "cwd", "home")},
    "pathlib.Path.iterdir": "list[pathlib.Path]",
    "pathlib.Path.glob": "list[pathlib.Path]",
    "pathlib.Path.rglob": "list[pathlib.Path]",
    "gzip.open": "gzip.GzipFile",
    "bz2.open": "bz2.BZ2File",
    "lzma.open": "lzma.LZMAFile",
    "tarfile.open": "tarfile.TarFile",
    "shelve.open": "shelve.Shelf",
}

# Attribute types: `Path(p).parent` is a Path, `proc.stdout` a file. "*" is any
# attribute (see libraries/pymongo.py).
ATTRIBUTES: dict[str, dict[str, str]] = {
    "pathlib.Path": {"parent": "pathlib.Path", "parents": "list[pathlib.Path]"},
    "subprocess.Popen": {"stdout": "io.BufferedIOBase", "stderr": "io.BufferedIOBase",
                         "stdin": "io.BufferedIOBase"},
}

# Subclass -> bases whose catalogue entries it inherits.
BASES: dict[str, tuple[str, ...]] = {
    "ssl.SSLSocket": ("socket.socket",),
    "queue.LifoQueue": ("queue.Queue",),
    "queue.PriorityQueue": ("queue.Queue",),
    "multiprocessing.pool.ThreadPool": ("multiprocessing.pool.Pool",),
    "concurrent.futures.ThreadPoolExecutor": ("concurrent.futures.Executor",),
    "concurrent.futures.ProcessPoolExecutor": ("concurrent.futures.Executor",),
    "http.client.HTTPSConnection": ("http.client.HTTPConnection",),
    "multiprocessing.context.Process": ("multiprocessing.Process",),
    "io.TextIOWrapper": ("io.TextIOBase",),
    "io.TextIOBase": ("io.IOBase",),
    "io.BufferedReader": ("io.BufferedIOBase",),
    "io.BufferedWriter": ("io.BufferedIOBase",),
    "io.BufferedRandom": ("io.BufferedIOBase",),
    "io.BufferedIOBase": ("io.IOBase",),
    "io.FileIO": ("io.RawIOBase",),
    "io.RawIOBase": ("io.IOBase",),
    "pathlib.PosixPath": ("pathlib.Path",),
    "pathlib.WindowsPath": ("pathlib.Path",),
    # Tk widgets share `after`, `bind`... from `Misc`
    **{f"tkinter.{w}": ("tkinter.Misc",) for w in (
        "Tk", "Toplevel", "Frame", "Label", "Button", "Canvas", "Entry", "Text", "Listbox", "Scale",
        "ttk.Frame", "ttk.Label", "ttk.Button", "ttk.Entry", "ttk.Progressbar", "ttk.Treeview")},
    "gzip.GzipFile": ("io.BufferedIOBase",),
    "bz2.BZ2File": ("io.BufferedIOBase",),
    "lzma.LZMAFile": ("io.BufferedIOBase",),
    "smtplib.SMTP_SSL": ("smtplib.SMTP",),
    "smtplib.LMTP": ("smtplib.SMTP",),
    "ftplib.FTP_TLS": ("ftplib.FTP",),
    "imaplib.IMAP4_SSL": ("imaplib.IMAP4",),
    "imaplib.IMAP4_stream": ("imaplib.IMAP4",),
    "poplib.POP3_SSL": ("poplib.POP3",),
    "asyncio.BaseEventLoop": ("asyncio.AbstractEventLoop",),
    "asyncio.SelectorEventLoop": ("asyncio.AbstractEventLoop",),
    "asyncio.Task": ("asyncio.Future",),
    "asyncio.LifoQueue": ("asyncio.Queue",),
    "asyncio.PriorityQueue": ("asyncio.Queue",),
    "asyncio.BoundedSemaphore": ("asyncio.Semaphore",),
}

# Calls that wait only briefly by design, where the analysed code is the library
# itself (the standard library checked as a project): not followed into.
NON_BLOCKING: frozenset[str] = frozenset({
    "threading.Thread.start",
    "multiprocessing.Process.start",
    "multiprocessing.process.BaseProcess.start",
    "concurrent.futures.Executor.submit",
    "concurrent.futures.ThreadPoolExecutor.submit",
    "concurrent.futures.ProcessPoolExecutor.submit",
    "queue.Queue.put_nowait",
    "queue.Queue.get_nowait",
    # an unbounded queue always has room
    f"{_UNBOUNDED_QUEUE}.put",
    f"{_UNBOUNDED_PROCESS_QUEUE}.put",
    *(f"{_NON_BLOCKING_SOCKET}.{method}" for method in (
        "connect", "connect_ex", "accept", "recv", "recv_into", "recvfrom", "recvfrom_into", "recvmsg",
        "send", "sendall", "sendto", "sendmsg")),
})

# Other spellings of the same object, mapped to the catalogue's name.
ALIASES: dict[str, str] = {
    "socket.SocketType": "socket.socket",
    "concurrent.futures._base.Future": "concurrent.futures.Future",
    "concurrent.futures.thread.ThreadPoolExecutor": "concurrent.futures.ThreadPoolExecutor",
    "concurrent.futures.process.ProcessPoolExecutor": "concurrent.futures.ProcessPoolExecutor",
    "multiprocessing.context.Process": "multiprocessing.Process",
    "multiprocessing.process.BaseProcess": "multiprocessing.Process",
    "multiprocessing.pool.Pool": "multiprocessing.pool.Pool",
    "typing.TextIO": "io.TextIOWrapper",
    "typing.BinaryIO": "io.BufferedIOBase",
    "typing.IO": "io.TextIOWrapper",
    "threading._RLock": "threading.RLock",
    "_thread.lock": "threading.Lock",
    "_thread.allocate_lock": "threading.Lock",
    "_thread.LockType": "threading.Lock",
    "asyncio.events.AbstractEventLoop": "asyncio.AbstractEventLoop",
    "asyncio.base_events.BaseEventLoop": "asyncio.BaseEventLoop",
    "asyncio.events.get_event_loop": "asyncio.get_event_loop",
    "asyncio.events.new_event_loop": "asyncio.new_event_loop",
    "asyncio.events.get_running_loop": "asyncio.get_running_loop",
    "asyncio.events.set_event_loop": "asyncio.set_event_loop",
    "asyncio.runners.run": "asyncio.run",
    "asyncio.runners.Runner": "asyncio.Runner",
    "asyncio.tasks.create_task": "asyncio.create_task",
    "asyncio.tasks.ensure_future": "asyncio.ensure_future",
    "asyncio.tasks.Task": "asyncio.Task",
    "asyncio.futures.Future": "asyncio.Future",
    "asyncio.locks.Lock": "asyncio.Lock",
    "asyncio.locks.Event": "asyncio.Event",
    "asyncio.locks.Condition": "asyncio.Condition",
    "asyncio.locks.Semaphore": "asyncio.Semaphore",
    "asyncio.locks.BoundedSemaphore": "asyncio.BoundedSemaphore",
    "asyncio.queues.Queue": "asyncio.Queue",
    "asyncio.queues.LifoQueue": "asyncio.LifoQueue",
    "asyncio.queues.PriorityQueue": "asyncio.PriorityQueue",
}



"""The catalogue of blocking APIs: one table that the linter and the pytest plugin both read.

It is plain data on purpose. The linter resolves names in source code to the
qualified names below; the pytest plugin imports the same names at runtime and
intercepts them while an event loop runs on the calling thread. Importing this
module must stay cheap (no libcst, no third-party imports): it is loaded at
pytest start-up.

Names are fully qualified as a user would spell them with plain imports:
``time.sleep``, ``socket.socket.recv`` (a method: type, then method name),
``requests.Session.get``. ``RETURNS`` tells what type a call produces, so
methods on the result can be found (``sqlite3.connect(...)`` gives a
``sqlite3.Connection``). ``BASES`` lets a subclass inherit its base's entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Iterable, Mapping


class Kind(str, Enum):
    """What a blocking call waits for; each kind has its own LS1 rule."""

    SLEEP = "sleep"
    NETWORK = "network"
    SUBPROCESS = "subprocess"
    FILE = "file"
    DATABASE = "database"
    STDIN = "stdin"
    SYNC = "sync"  # thread synchronisation: locks, events, queues, joins
    FUTURES = "futures"  # concurrent.futures and multiprocessing waits
    CONFIGURED = "configured"  # named in the project's `blocking-calls` setting


@dataclass(frozen=True)
class NonBlockingWhen:
    """An argument that makes the call return at once (``get(block=False)``).

    ``position`` is the index among positional arguments *after* the receiver
    (``None`` when it can only be passed by keyword); ``values`` are the
    literal source spellings that make the call non-blocking.
    """

    keyword: str
    position: int | None
    values: tuple[str, ...]


@dataclass(frozen=True)
class BlockingAPI:
    name: str
    kind: Kind
    alternative: str
    nonblocking_when: tuple[NonBlockingWhen, ...] = ()
    # False where the runtime cannot patch it (C types); the plugin's lag
    # detector still sees the stall.
    patchable: bool = True


_NO_BLOCK = NonBlockingWhen("block", 0, ("False", "0"))
_NO_BLOCKING = NonBlockingWhen("blocking", 0, ("False", "0"))
# where the timeout stands among positional arguments: wait(timeout), get(block, timeout)
_ZERO_TIMEOUT_FIRST = NonBlockingWhen("timeout", 0, ("0", "0.0"))
_ZERO_TIMEOUT_SECOND = NonBlockingWhen("timeout", 1, ("0", "0.0"))
_ZERO_TIMEOUT_THIRD = NonBlockingWhen("timeout", 2, ("0", "0.0"))
_QUEUE_PUT_NO_BLOCK = NonBlockingWhen("block", 1, ("False", "0"))
_NO_WAIT = NonBlockingWhen("wait", 0, ("False", "0"))

_TO_THREAD = "`await asyncio.to_thread(...)` or `await loop.run_in_executor(None, ...)`"
_HTTP = "an async HTTP client (`httpx.AsyncClient`, `aiohttp.ClientSession`), or `asyncio.to_thread`"
_SOCK = "asyncio streams (`asyncio.open_connection`) or `loop.sock_*` methods"
_PROC = "`asyncio.create_subprocess_exec` / `asyncio.create_subprocess_shell`"
_FILE = "`anyio.Path` / `anyio.open_file`, or `asyncio.to_thread`"
_DB = "an async driver (aiosqlite, asyncpg, aiomysql, motor, redis.asyncio) or `asyncio.to_thread`"
_SYNC = "the asyncio primitive (`asyncio.Lock`, `asyncio.Event`, `asyncio.Queue`) or `asyncio.to_thread`"
_FUT = "`await asyncio.wrap_future(fut)` or `await loop.run_in_executor(...)`"
_PROCESS_WAIT = "`await asyncio.to_thread(...)`, or `loop.run_in_executor` with a `ProcessPoolExecutor`"


def _entries(kind: Kind, alternative: str, names: Iterable[str], *when: NonBlockingWhen,
             patchable: bool = True) -> list[BlockingAPI]:
    return [BlockingAPI(n, kind, alternative, tuple(when), patchable) for n in names]


_HTTP_VERBS = ("request", "get", "post", "put", "patch", "delete", "head", "options")

BLOCKING_APIS: tuple[BlockingAPI, ...] = tuple(
    _entries(Kind.SLEEP, "`await asyncio.sleep(...)`", ["time.sleep"],
             NonBlockingWhen("secs", 0, ("0", "0.0")))
    # --- network -----------------------------------------------------------
    + _entries(Kind.NETWORK, _SOCK, [
        "socket.create_connection", "socket.create_server", "socket.getaddrinfo",
        "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr",
        "socket.getnameinfo", "socket.getfqdn",
        "socket.socket.connect", "socket.socket.connect_ex", "socket.socket.accept",
        "socket.socket.recv", "socket.socket.recv_into", "socket.socket.recvfrom",
        "socket.socket.recvfrom_into", "socket.socket.recvmsg",
        "socket.socket.send", "socket.socket.sendall", "socket.socket.sendto",
        "socket.socket.sendmsg", "socket.socket.sendfile",
        "ssl.SSLSocket.do_handshake",
    ])
    + _entries(Kind.NETWORK, _SOCK, ["select.select"], NonBlockingWhen("timeout", 3, ("0", "0.0")))
    + _entries(Kind.NETWORK, _SOCK, ["select.epoll.poll", "selectors.BaseSelector.select"],
               NonBlockingWhen("timeout", 0, ("0", "0.0")))
    # `select.poll()` makes an object of a type the module does not export
    + _entries(Kind.NETWORK, _SOCK, ["select.poll.poll"], patchable=False)
    + _entries(Kind.NETWORK, _HTTP, [
        *(f"requests.{v}" for v in _HTTP_VERBS),
        *(f"requests.Session.{v}" for v in _HTTP_VERBS), "requests.Session.send",
        "urllib.request.urlopen", "urllib.request.urlretrieve",
        "urllib.request.OpenerDirector.open",
        "http.client.HTTPConnection.request", "http.client.HTTPConnection.getresponse",
        "http.client.HTTPConnection.connect", "http.client.HTTPConnection.send",
        "http.client.HTTPConnection.endheaders",
        "http.client.HTTPResponse.read", "http.client.HTTPResponse.readline",
        "urllib3.request", "urllib3.PoolManager.request", "urllib3.PoolManager.urlopen",
        "urllib3.HTTPConnectionPool.request", "urllib3.HTTPConnectionPool.urlopen",
        *(f"httpx.{v}" for v in _HTTP_VERBS), "httpx.stream",
        *(f"httpx.Client.{v}" for v in _HTTP_VERBS), "httpx.Client.send", "httpx.Client.stream",
    ])
    + _entries(Kind.NETWORK, "an async client (aiosmtplib, aioftp, aioimaplib) or `asyncio.to_thread`", [
        "smtplib.SMTP.sendmail", "smtplib.SMTP.send_message", "smtplib.SMTP.connect",
        "smtplib.SMTP.login", "smtplib.SMTP.starttls", "smtplib.SMTP.quit",
        # these constructors connect when given a host
        "smtplib.SMTP", "smtplib.SMTP_SSL", "ftplib.FTP", "ftplib.FTP_TLS", "poplib.POP3",
        "imaplib.IMAP4", "imaplib.IMAP4_SSL",
        "ftplib.FTP.retrbinary", "ftplib.FTP.retrlines", "ftplib.FTP.storbinary",
    ])
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
        "psycopg2.connect", "psycopg2.extensions.connection.commit",
        "psycopg2.extensions.connection.rollback", "psycopg2.extensions.cursor.execute",
        # the client-server drivers' default cursors hold the whole result after
        # execute(): their fetch*() read memory, unlike sqlite3's, which step the query
        "psycopg2.extensions.cursor.executemany",
        "psycopg.connect", "psycopg.Connection.connect", "psycopg.Connection.execute",
        "psycopg.Connection.commit", "psycopg.Connection.rollback",
        "psycopg.Cursor.execute", "psycopg.Cursor.executemany",
        "pymysql.connect", "pymysql.connections.Connection.commit",
        "pymysql.cursors.Cursor.execute", "pymysql.cursors.Cursor.executemany",
        "MySQLdb.connect", "mysql.connector.connect",
        "pymongo.MongoClient", "pymongo.collection.Collection.find_one",
        "pymongo.collection.Collection.insert_one", "pymongo.collection.Collection.insert_many",
        "pymongo.collection.Collection.update_one", "pymongo.collection.Collection.update_many",
        "pymongo.collection.Collection.delete_one", "pymongo.collection.Collection.delete_many",
        "pymongo.collection.Collection.count_documents", "pymongo.collection.Collection.aggregate",
        "redis.Redis.get", "redis.Redis.set", "redis.Redis.delete", "redis.Redis.hget",
        "redis.Redis.hset", "redis.Redis.hgetall", "redis.Redis.lpush", "redis.Redis.rpush",
        "redis.Redis.lpop", "redis.Redis.rpop", "redis.Redis.blpop", "redis.Redis.brpop",
        "redis.Redis.incr", "redis.Redis.expire", "redis.Redis.publish", "redis.Redis.keys",
        "redis.Redis.exists", "redis.Redis.mget", "redis.Redis.execute_command",
        "sqlalchemy.engine.Engine.connect", "sqlalchemy.engine.Connection.execute",
        "sqlalchemy.orm.Session.execute", "sqlalchemy.orm.Session.commit",
        "sqlalchemy.orm.Session.query", "sqlalchemy.orm.Session.get",
        "sqlalchemy.orm.Session.scalars", "sqlalchemy.orm.Session.flush",
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
    + _entries(Kind.FUTURES, _FUT, ["concurrent.futures.Executor.shutdown"], _NO_WAIT)
    + _entries(Kind.FUTURES, _PROCESS_WAIT, ["multiprocessing.queues.Queue.get"], _NO_BLOCK,
               _ZERO_TIMEOUT_SECOND)
    + _entries(Kind.FUTURES, _PROCESS_WAIT, ["multiprocessing.queues.Queue.put"], _QUEUE_PUT_NO_BLOCK,
               _ZERO_TIMEOUT_THIRD)
)

BLOCKING: Mapping[str, BlockingAPI] = {api.name: api for api in BLOCKING_APIS}

# What a call returns, when that is not the callee itself (a class returns an
# instance of itself: `threading.Lock()` is a `threading.Lock`).
RETURNS: Mapping[str, str] = {
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
    "psycopg2.connect": "psycopg2.extensions.connection",
    "psycopg2.extensions.connection.cursor": "psycopg2.extensions.cursor",
    "psycopg.connect": "psycopg.Connection",
    "psycopg.Connection.connect": "psycopg.Connection",
    "psycopg.Connection.cursor": "psycopg.Cursor",
    "psycopg.Connection.execute": "psycopg.Cursor",
    "pymysql.connect": "pymysql.connections.Connection",
    "pymysql.connections.Connection.cursor": "pymysql.cursors.Cursor",
    "pymongo.MongoClient": "pymongo.MongoClient",
    "redis.from_url": "redis.Redis",
    "redis.StrictRedis": "redis.Redis",
    "sqlalchemy.create_engine": "sqlalchemy.engine.Engine",
    "sqlalchemy.engine.Engine.connect": "sqlalchemy.engine.Connection",
    "sqlalchemy.engine.Engine.begin": "sqlalchemy.engine.Connection",
    "sqlalchemy.orm.sessionmaker": "sqlalchemy.orm.sessionmaker",
    "sqlalchemy.orm.sessionmaker.__call__": "sqlalchemy.orm.Session",
    "requests.session": "requests.Session",
    "urllib3.connection_from_url": "urllib3.HTTPConnectionPool",
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
    "httpx.Client": "httpx.Client",
    "asyncio.get_running_loop": "asyncio.AbstractEventLoop",
    "asyncio.get_event_loop": "asyncio.AbstractEventLoop",
    "asyncio.new_event_loop": "asyncio.AbstractEventLoop",
    "uvloop.new_event_loop": "uvloop.Loop",
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
    "pymongo.MongoClient.get_database": "pymongo.database.Database",
    "pymongo.database.Database.get_collection": "pymongo.collection.Collection",
    "smtplib.SMTP_SSL": "smtplib.SMTP",
    "ftplib.FTP_TLS": "ftplib.FTP",
}

# Attribute types: `Path(p).parent` is a Path, `proc.stdout` a file. "*" is any
# attribute (pymongo: `client.shop.orders` is a Collection).
ATTRIBUTES: Mapping[str, Mapping[str, str]] = {
    "pathlib.Path": {"parent": "pathlib.Path", "parents": "list[pathlib.Path]"},
    "subprocess.Popen": {"stdout": "io.BufferedIOBase", "stderr": "io.BufferedIOBase",
                         "stdin": "io.BufferedIOBase"},
    "pymongo.MongoClient": {"*": "pymongo.database.Database"},
    "pymongo.database.Database": {"*": "pymongo.collection.Collection"},
}

# Subclass -> bases whose catalogue entries it inherits.
BASES: Mapping[str, tuple[str, ...]] = {
    "ssl.SSLSocket": ("socket.socket",),
    "queue.LifoQueue": ("queue.Queue",),
    "queue.PriorityQueue": ("queue.Queue",),
    "multiprocessing.pool.ThreadPool": ("multiprocessing.pool.Pool",),
    "concurrent.futures.ThreadPoolExecutor": ("concurrent.futures.Executor",),
    "concurrent.futures.ProcessPoolExecutor": ("concurrent.futures.Executor",),
    "http.client.HTTPSConnection": ("http.client.HTTPConnection",),
    "urllib3.HTTPSConnectionPool": ("urllib3.HTTPConnectionPool",),
    "redis.StrictRedis": ("redis.Redis",),
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
    "asyncio.BaseEventLoop": ("asyncio.AbstractEventLoop",),
    "asyncio.SelectorEventLoop": ("asyncio.AbstractEventLoop",),
    "uvloop.Loop": ("asyncio.AbstractEventLoop",),
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
})

# Other spellings of the same object, mapped to the catalogue's name.
ALIASES: Mapping[str, str] = {
    "socket.SocketType": "socket.socket",
    "requests.sessions.Session": "requests.Session",
    "requests.api.request": "requests.request",
    **{f"requests.api.{v}": f"requests.{v}" for v in _HTTP_VERBS},
    "urllib3.poolmanager.PoolManager": "urllib3.PoolManager",
    "urllib3.connectionpool.HTTPConnectionPool": "urllib3.HTTPConnectionPool",
    "httpx._client.Client": "httpx.Client",
    "concurrent.futures._base.Future": "concurrent.futures.Future",
    "concurrent.futures.thread.ThreadPoolExecutor": "concurrent.futures.ThreadPoolExecutor",
    "concurrent.futures.process.ProcessPoolExecutor": "concurrent.futures.ProcessPoolExecutor",
    "multiprocessing.context.Process": "multiprocessing.Process",
    "multiprocessing.process.BaseProcess": "multiprocessing.Process",
    "multiprocessing.pool.Pool": "multiprocessing.pool.Pool",
    "redis.client.Redis": "redis.Redis",
    "redis.StrictRedis": "redis.Redis",
    "MySQLdb.Connect": "MySQLdb.connect",
    "pymysql.Connect": "pymysql.connect",
    "pymongo.mongo_client.MongoClient": "pymongo.MongoClient",
    "sqlalchemy.orm.session.Session": "sqlalchemy.orm.Session",
    "sqlalchemy.Engine": "sqlalchemy.engine.Engine",
    "sqlalchemy.Connection": "sqlalchemy.engine.Connection",
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


def canonical(name: str) -> str:
    """The catalogue's spelling of a qualified name."""
    return ALIASES.get(name, name)


def type_ancestry(type_name: str) -> tuple[str, ...]:
    """A type and the bases whose entries it inherits, nearest first."""
    seen = [canonical(type_name)]
    for t in seen:
        for base in BASES.get(t, ()):
            base = canonical(base)
            if base not in seen:
                seen.append(base)
    return tuple(seen)


def lookup(name: str) -> BlockingAPI | None:
    """The entry for a function's qualified name, if it blocks."""
    return BLOCKING.get(canonical(name))


def lookup_method(type_name: str, method: str) -> BlockingAPI | None:
    """The entry for ``method`` called on an instance of ``type_name``."""
    for t in type_ancestry(type_name):
        api = BLOCKING.get(f"{t}.{method}")
        if api is not None:
            return api
    return None


def attribute(type_name: str, name: str) -> str | None:
    """The type of attribute ``name`` of an instance of ``type_name``, where known."""
    for t in type_ancestry(type_name):
        table = ATTRIBUTES.get(t)
        if table:
            found = table.get(name) or table.get("*")
            if found:
                return found
    return None


def returns(callee: str) -> str | None:
    """The type a call of ``callee`` produces, where the catalogue knows it."""
    callee = canonical(callee)
    result = RETURNS.get(callee)
    return canonical(result) if result else None

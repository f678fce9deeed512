"""The database and the client that the server examples (pattern 13) need to run on their own.

The material's server reads a ``users`` table from ``example.db`` and listens
on port 8888 forever. The examples instead make a small database in a
temporary folder, bind 127.0.0.1 on a free port, send a few requests as a
client would, and stop.
"""

import asyncio
import contextlib
import functools
import sqlite3
import tempfile
from pathlib import Path

USERS = [("alice", "alice@example.org"), ("bob", "bob@example.org")]


def create_users_db(folder):
    """A fresh ``example.db`` in ``folder`` with the ``users`` table the server queries."""
    path = Path(folder) / "example.db"
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE users (name TEXT PRIMARY KEY, email TEXT)")
        conn.executemany("INSERT INTO users VALUES (?, ?)", USERS)
    return path


async def ask(host, port, payload, timeout):
    """Send ``payload`` and return everything the server answers before it closes.

    ``timeout`` bounds the wait: a server that neither answers nor closes the
    connection raises ``TimeoutError`` here instead of hanging the client.
    """
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(payload)
        await writer.drain()
        return await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()


async def serve_and_ask(handler, payloads, timeout=1.0):
    """Start ``handler`` as a server on 127.0.0.1, port 0; return its answer to each payload."""
    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()[:2]
    async with server:
        return [await ask(host, port, payload, timeout) for payload in payloads]


def run_demo(handle_connection, payloads):
    """Serve a fresh users database with ``handle_connection(reader, writer, db_path)``,
    send each payload as a client, print and return the answers."""
    with tempfile.TemporaryDirectory() as folder:
        handler = functools.partial(handle_connection, db_path=create_users_db(folder))
        replies = asyncio.run(serve_and_ask(handler, list(payloads)))
    for reply in replies:
        print(reply.decode("utf-8", errors="replace"))
    return replies

"""Pattern 13: an asyncio server that queries sqlite3 off the loop, handles errors and closes cleanly.

The query runs in the default thread pool (sqlite3 blocks; each call opens its
own connection in the worker thread, since a sqlite3 connection must stay in
the thread that made it). Two fixes over the material: a request that fails
(bad bytes, a database error) gets an error answer instead of a dead
connection, and ``writer.close()`` is followed by ``await writer.wait_closed()``
so the connection is really closed before the handler returns.
"""

import asyncio
import contextlib
import sqlite3

from examples.demo_server import run_demo


async def handle_connection(reader, writer, db_path):
    try:
        data = await reader.read(1024)
        try:
            message = data.decode("utf-8")
            print(f"Received: {message}")

            def query_database():
                with contextlib.closing(sqlite3.connect(db_path)) as conn:
                    return conn.execute("SELECT * FROM users WHERE name = ?", (message,)).fetchone()

            loop = asyncio.get_running_loop()
            database_result = await loop.run_in_executor(None, query_database)
            response = f"Database result: {database_result}"
        except (UnicodeDecodeError, sqlite3.Error) as exc:
            response = f"error: {exc}"
        writer.write(response.encode("utf-8"))
        await writer.drain()
    except ConnectionError as exc:
        print(f"Client went away: {exc}")
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()


def main(payloads=(b"alice", b"\xff")):
    return run_demo(handle_connection, payloads)


if __name__ == "__main__":
    main()

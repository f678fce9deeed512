"""Pattern 13, broken: the material's server, with no error handling and no ``wait_closed``.

As printed, except that it binds 127.0.0.1 on a free port and its database
path is a parameter. The sqlite3 query is rightly kept off the loop. But any
error in the handler (here, request bytes that are not UTF-8) ends it before
it answers or closes the connection: the client gets no answer, only the
connection dropped under it when asyncio cleans up after the failed handler
(or, on older Pythons, left open until the client gives up). And
``writer.close()`` is not followed by ``await writer.wait_closed()``. No lint
rule flags this; the client, which gets no answer, shows it. See
``good/p13_server.py``.
"""

import asyncio
import sqlite3

from examples.demo_server import run_demo


async def handle_connection(reader, writer, db_path):
    data = await reader.read(1024)
    message = data.decode("utf-8")
    print(f"Received: {message}")

    def query_database():
        conn = sqlite3.connect(db_path)
        cursor = conn.cursor()
        cursor.execute("SELECT * FROM users WHERE name = ?", (message,))
        result = cursor.fetchone()
        conn.close()
        return result

    loop = asyncio.get_running_loop()
    database_result = await loop.run_in_executor(None, query_database)
    response = f"Database result: {database_result}"
    writer.write(response.encode("utf-8"))
    await writer.drain()
    writer.close()


def main(payloads=(b"alice", b"\xff")):
    return run_demo(handle_connection, payloads)


if __name__ == "__main__":
    main()

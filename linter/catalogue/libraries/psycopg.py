"""psycopg 3 and psycopg_pool: the synchronous connection and pool (`AsyncConnection` and
`AsyncConnectionPool` are other names). A client-side cursor holds the whole result after
`execute()`, so its `fetch*()` read memory; a server-side one fetches from the server."""

from ..model import DB, Kind, entries

BLOCKING_APIS = entries(Kind.DATABASE, DB, [
    "psycopg.connect", "psycopg.Connection.connect", "psycopg.Connection.execute",
    "psycopg.Connection.commit", "psycopg.Connection.rollback", "psycopg.Connection.close",
    "psycopg.Cursor.execute", "psycopg.Cursor.executemany", "psycopg.Cursor.copy",
    "psycopg.ServerCursor.fetchone", "psycopg.ServerCursor.fetchmany", "psycopg.ServerCursor.fetchall",
    "psycopg.ServerCursor.__iter__",
    # waits for a free connection (and opens one)
    "psycopg_pool.ConnectionPool.connection", "psycopg_pool.ConnectionPool.getconn",
    "psycopg_pool.ConnectionPool.open", "psycopg_pool.ConnectionPool.wait",
], patchable=False)
RETURNS = {
    "psycopg.connect": "psycopg.Connection",
    "psycopg.Connection.connect": "psycopg.Connection",
    "psycopg.Connection.cursor": "psycopg.Cursor",
    "psycopg.Connection.execute": "psycopg.Cursor",
    "psycopg_pool.ConnectionPool.connection": "psycopg.Connection",
    "psycopg_pool.ConnectionPool.getconn": "psycopg.Connection",
}
BASES = {"psycopg.ServerCursor": ("psycopg.Cursor",)}
ALIASES = {
    "psycopg.connection.Connection": "psycopg.Connection",
    "psycopg.cursor.Cursor": "psycopg.Cursor",
    "psycopg.server_cursor.ServerCursor": "psycopg.ServerCursor",
    "psycopg_pool.pool.ConnectionPool": "psycopg_pool.ConnectionPool",
}

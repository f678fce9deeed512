"""psycopg 3: its synchronous connection (`psycopg.AsyncConnection` is fine)."""

from ..model import DB, Kind, entries

BLOCKING_APIS = entries(Kind.DATABASE, DB, [
    "psycopg.connect", "psycopg.Connection.connect", "psycopg.Connection.execute",
    "psycopg.Connection.commit", "psycopg.Connection.rollback",
    "psycopg.Cursor.execute", "psycopg.Cursor.executemany",
], patchable=False)
RETURNS = {
    "psycopg.connect": "psycopg.Connection",
    "psycopg.Connection.connect": "psycopg.Connection",
    "psycopg.Connection.cursor": "psycopg.Cursor",
    "psycopg.Connection.execute": "psycopg.Cursor",
}

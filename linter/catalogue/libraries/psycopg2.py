"""psycopg2: the PostgreSQL driver (C types, so not patchable at runtime)."""

from ..model import DB, Kind, entries

BLOCKING_APIS = entries(Kind.DATABASE, DB, [
    "psycopg2.connect", "psycopg2.extensions.connection.commit",
    "psycopg2.extensions.connection.rollback", "psycopg2.extensions.cursor.execute",
    # the client-server drivers' default cursors hold the whole result after
    # execute(): their fetch*() read memory, unlike sqlite3's, which step the query
    "psycopg2.extensions.cursor.executemany",
], patchable=False)
RETURNS = {
    "psycopg2.connect": "psycopg2.extensions.connection",
    "psycopg2.extensions.connection.cursor": "psycopg2.extensions.cursor",
}

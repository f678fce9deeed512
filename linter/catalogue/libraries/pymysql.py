"""PyMySQL: the pure-Python MySQL driver."""

from ..model import DB, Kind, entries

BLOCKING_APIS = entries(Kind.DATABASE, DB, [
    "pymysql.connect", "pymysql.connections.Connection.commit",
    "pymysql.cursors.Cursor.execute", "pymysql.cursors.Cursor.executemany",
], patchable=False)
RETURNS = {
    "pymysql.connect": "pymysql.connections.Connection",
    "pymysql.connections.Connection.cursor": "pymysql.cursors.Cursor",
}
ALIASES = {"pymysql.Connect": "pymysql.connect"}

"""PyMySQL: the pure-Python MySQL driver. Its default cursor buffers the result in `execute()`;
an `SSCursor` streams it, so its `fetch*()` read from the server."""

from ..model import DB, Kind, entries

_CONNECTION = "pymysql.connections.Connection"

BLOCKING_APIS = entries(Kind.DATABASE, DB, [
    "pymysql.connect", f"{_CONNECTION}.commit", f"{_CONNECTION}.rollback", f"{_CONNECTION}.ping",
    f"{_CONNECTION}.select_db", f"{_CONNECTION}.begin", f"{_CONNECTION}.query",
    "pymysql.cursors.Cursor.execute", "pymysql.cursors.Cursor.executemany", "pymysql.cursors.Cursor.callproc",
    "pymysql.cursors.SSCursor.fetchone", "pymysql.cursors.SSCursor.fetchmany", "pymysql.cursors.SSCursor.fetchall",
], patchable=False)
RETURNS = {
    "pymysql.connect": _CONNECTION,
    f"{_CONNECTION}.cursor": "pymysql.cursors.Cursor",
}
BASES = {
    "pymysql.cursors.DictCursor": ("pymysql.cursors.Cursor",),
    "pymysql.cursors.SSCursor": ("pymysql.cursors.Cursor",),
    "pymysql.cursors.SSDictCursor": ("pymysql.cursors.SSCursor",),
}
ALIASES = {"pymysql.Connect": "pymysql.connect", "pymysql.Connection": _CONNECTION}

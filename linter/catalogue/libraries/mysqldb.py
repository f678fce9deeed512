"""mysqlclient (`MySQLdb`): the C MySQL driver."""

from ..model import DB, Kind, entries

_CONNECTION = "MySQLdb.connections.Connection"
_CURSOR = "MySQLdb.cursors.BaseCursor"

BLOCKING_APIS = entries(Kind.DATABASE, DB, [
    "MySQLdb.connect", f"{_CONNECTION}.commit", f"{_CONNECTION}.rollback", f"{_CONNECTION}.ping",
    f"{_CONNECTION}.query", f"{_CURSOR}.execute", f"{_CURSOR}.executemany", f"{_CURSOR}.callproc",
], patchable=False)
RETURNS = {"MySQLdb.connect": _CONNECTION, f"{_CONNECTION}.cursor": _CURSOR}
BASES = {"MySQLdb.cursors.Cursor": (_CURSOR,), "MySQLdb.cursors.DictCursor": (_CURSOR,)}
ALIASES = {"MySQLdb.Connect": "MySQLdb.connect", "MySQLdb.Connection": _CONNECTION,
           "MySQLdb.connections.connect": "MySQLdb.connect"}

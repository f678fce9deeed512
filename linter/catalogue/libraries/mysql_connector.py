"""mysql-connector-python (`mysql.connector`): Oracle's MySQL driver. Its default cursor is
unbuffered: `fetch*()` read from the server."""

from ..model import DB, Kind, entries

_CONNECTION = "mysql.connector.connection.MySQLConnection"
_CURSOR = "mysql.connector.cursor.MySQLCursor"

BLOCKING_APIS = entries(Kind.DATABASE, DB, [
    "mysql.connector.connect", f"{_CONNECTION}.commit", f"{_CONNECTION}.rollback", f"{_CONNECTION}.ping",
    f"{_CONNECTION}.reconnect", f"{_CURSOR}.execute", f"{_CURSOR}.executemany", f"{_CURSOR}.callproc",
    f"{_CURSOR}.fetchone", f"{_CURSOR}.fetchmany", f"{_CURSOR}.fetchall",
], patchable=False)
RETURNS = {"mysql.connector.connect": _CONNECTION, f"{_CONNECTION}.cursor": _CURSOR}
BASES = {"mysql.connector.connection_cext.CMySQLConnection": (_CONNECTION,)}
ALIASES = {"mysql.connector.MySQLConnection": _CONNECTION}

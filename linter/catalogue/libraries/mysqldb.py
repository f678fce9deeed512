"""mysqlclient (`MySQLdb`): the C MySQL driver."""

from ..model import DB, Kind, entries

BLOCKING_APIS = entries(Kind.DATABASE, DB, ["MySQLdb.connect"], patchable=False)
ALIASES = {"MySQLdb.Connect": "MySQLdb.connect"}

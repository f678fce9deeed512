"""mysql-connector-python (`mysql.connector`): Oracle's MySQL driver."""

from ..model import DB, Kind, entries

BLOCKING_APIS = entries(Kind.DATABASE, DB, ["mysql.connector.connect"], patchable=False)

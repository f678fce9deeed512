"""psycopg2: the PostgreSQL driver (C types, so not patchable at runtime). Its default cursor
holds the whole result after `execute()`: `fetch*()` read memory."""

from ..model import DB, Kind, entries

_CURSOR = "psycopg2.extensions.cursor"

BLOCKING_APIS = entries(Kind.DATABASE, DB, [
    "psycopg2.connect", "psycopg2.extensions.connection.commit",
    "psycopg2.extensions.connection.rollback",
    f"{_CURSOR}.execute", f"{_CURSOR}.executemany", f"{_CURSOR}.callproc", f"{_CURSOR}.copy_expert",
    f"{_CURSOR}.copy_from", f"{_CURSOR}.copy_to",
    "psycopg2.extras.execute_values", "psycopg2.extras.execute_batch",
    # a pool opens its first connections when made, and `getconn` may open one
    "psycopg2.pool.SimpleConnectionPool", "psycopg2.pool.ThreadedConnectionPool",
    "psycopg2.pool.AbstractConnectionPool.getconn",
], patchable=False)
RETURNS = {
    "psycopg2.connect": "psycopg2.extensions.connection",
    "psycopg2.extensions.connection.cursor": _CURSOR,
    "psycopg2.pool.AbstractConnectionPool.getconn": "psycopg2.extensions.connection",
}
BASES = {
    "psycopg2.extras.RealDictCursor": (_CURSOR,),
    "psycopg2.extras.DictCursor": (_CURSOR,),
    "psycopg2.extras.NamedTupleCursor": (_CURSOR,),
    "psycopg2.pool.SimpleConnectionPool": ("psycopg2.pool.AbstractConnectionPool",),
    "psycopg2.pool.ThreadedConnectionPool": ("psycopg2.pool.AbstractConnectionPool",),
}
ALIASES = {"psycopg2._psycopg.connection": "psycopg2.extensions.connection", "psycopg2._psycopg.cursor": _CURSOR}

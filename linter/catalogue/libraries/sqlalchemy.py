"""SQLAlchemy: the synchronous engine, connection and ORM session (`sqlalchemy.ext.asyncio` is
another name). Executing a statement or loading rows waits for the server."""

from ..model import DB, Kind, entries

_ENGINE = "sqlalchemy.engine.Engine"
_CONNECTION = "sqlalchemy.engine.Connection"
_SESSION = "sqlalchemy.orm.Session"
_QUERY = "sqlalchemy.orm.Query"

BLOCKING_APIS = entries(Kind.DATABASE, DB, [
    f"{_ENGINE}.connect", f"{_ENGINE}.begin", f"{_ENGINE}.raw_connection",
    f"{_ENGINE}.execute",  # SQLAlchemy 1.x
    *(f"{_CONNECTION}.{m}" for m in ("execute", "exec_driver_sql", "scalar", "scalars", "commit", "rollback")),
    *(f"{_SESSION}.{m}" for m in ("execute", "commit", "rollback", "get", "scalar", "scalars", "flush",
                                  "refresh", "merge", "connection", "get_one")),
    # builds a Query that is nearly always run in the same statement (`.all()`, `.first()`)
    f"{_SESSION}.query",
    *(f"{_QUERY}.{m}" for m in ("all", "first", "one", "one_or_none", "scalar", "count", "get", "delete",
                                "update", "__iter__")),
    "sqlalchemy.MetaData.create_all", "sqlalchemy.MetaData.drop_all", "sqlalchemy.MetaData.reflect",
], patchable=False)
RETURNS = {
    "sqlalchemy.create_engine": _ENGINE,
    f"{_ENGINE}.connect": _CONNECTION,
    f"{_ENGINE}.begin": _CONNECTION,
    f"{_ENGINE}.execution_options": _ENGINE,
    "sqlalchemy.orm.sessionmaker": "sqlalchemy.orm.sessionmaker",
    # the declarative base class: `Base.metadata.create_all(engine)`
    "sqlalchemy.orm.declarative_base": "sqlalchemy.orm.DeclarativeBase",
    "sqlalchemy.orm.sessionmaker.__call__": _SESSION,
    "sqlalchemy.orm.sessionmaker.begin": _SESSION,
    "sqlalchemy.orm.scoped_session.__call__": _SESSION,
    f"{_SESSION}.query": _QUERY,
    **{f"{_QUERY}.{m}": _QUERY for m in ("filter", "filter_by", "order_by", "join", "outerjoin", "limit",
                                         "offset", "options", "group_by", "having", "distinct", "with_for_update")},
}
ATTRIBUTES = {"sqlalchemy.orm.DeclarativeBase": {"metadata": "sqlalchemy.MetaData"}}
BASES = {
    # a scoped_session proxies every Session method to the thread's session
    "sqlalchemy.orm.scoped_session": (_SESSION,),
}
ALIASES = {
    "sqlalchemy.orm.session.Session": _SESSION,
    "sqlalchemy.orm.query.Query": _QUERY,
    "sqlalchemy.orm.scoping.scoped_session": "sqlalchemy.orm.scoped_session",
    "sqlalchemy.orm.session.sessionmaker": "sqlalchemy.orm.sessionmaker",
    "sqlalchemy.Engine": _ENGINE,
    "sqlalchemy.Connection": _CONNECTION,
    "sqlalchemy.engine.base.Engine": _ENGINE,
    "sqlalchemy.engine.base.Connection": _CONNECTION,
    "sqlalchemy.engine.create_engine": "sqlalchemy.create_engine",
    "sqlalchemy.engine.create.create_engine": "sqlalchemy.create_engine",
    "sqlalchemy.schema.MetaData": "sqlalchemy.MetaData",
    "sqlalchemy.sql.schema.MetaData": "sqlalchemy.MetaData",
    "sqlalchemy.ext.declarative.declarative_base": "sqlalchemy.orm.declarative_base",
    "sqlalchemy.orm.decl_api.declarative_base": "sqlalchemy.orm.declarative_base",
    "sqlalchemy.orm.decl_api.DeclarativeBase": "sqlalchemy.orm.DeclarativeBase",
}

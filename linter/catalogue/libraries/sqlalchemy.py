"""SQLAlchemy: the synchronous engine and ORM session (`sqlalchemy.ext.asyncio` is fine)."""

from ..model import DB, Kind, entries

BLOCKING_APIS = entries(Kind.DATABASE, DB, [
    "sqlalchemy.engine.Engine.connect", "sqlalchemy.engine.Connection.execute",
    "sqlalchemy.orm.Session.execute", "sqlalchemy.orm.Session.commit",
    "sqlalchemy.orm.Session.query", "sqlalchemy.orm.Session.get",
    "sqlalchemy.orm.Session.scalars", "sqlalchemy.orm.Session.flush",
], patchable=False)
RETURNS = {
    "sqlalchemy.create_engine": "sqlalchemy.engine.Engine",
    "sqlalchemy.engine.Engine.connect": "sqlalchemy.engine.Connection",
    "sqlalchemy.engine.Engine.begin": "sqlalchemy.engine.Connection",
    "sqlalchemy.orm.sessionmaker": "sqlalchemy.orm.sessionmaker",
    "sqlalchemy.orm.sessionmaker.__call__": "sqlalchemy.orm.Session",
}
ALIASES = {
    "sqlalchemy.orm.session.Session": "sqlalchemy.orm.Session",
    "sqlalchemy.Engine": "sqlalchemy.engine.Engine",
    "sqlalchemy.Connection": "sqlalchemy.engine.Connection",
}

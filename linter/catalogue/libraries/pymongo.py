"""pymongo: the synchronous MongoDB client (motor and pymongo's `AsyncMongoClient` are other
names). A `find()` builds a cursor; iterating it, or `list()` of it, queries."""

from ..model import Kind, blocking_type, entries

_MONGO = "motor (`AsyncIOMotorClient`) or pymongo's `AsyncMongoClient`"
_COLLECTION = "pymongo.collection.Collection"
_CURSOR = "pymongo.cursor.Cursor"

BLOCKING_TYPES = [
    # every operation of a collection is a round trip; these only build objects
    blocking_type(_COLLECTION, Kind.DATABASE, _MONGO, "with_options", "get_collection", "find",
                  "find_raw_batches", "name", "full_name", "database", "codec_options", "read_preference",
                  "write_concern", "read_concern"),
]

BLOCKING_APIS = entries(Kind.DATABASE, _MONGO, [
    "pymongo.MongoClient",
    f"{_CURSOR}.__iter__", f"{_CURSOR}.next", f"{_CURSOR}.to_list", f"{_CURSOR}.distinct",
    f"{_CURSOR}.explain",
    "pymongo.command_cursor.CommandCursor.__iter__", "pymongo.command_cursor.CommandCursor.next",
    "pymongo.MongoClient.list_database_names", "pymongo.MongoClient.server_info",
    "pymongo.MongoClient.drop_database", "pymongo.MongoClient.start_session",
    "pymongo.database.Database.command", "pymongo.database.Database.list_collection_names",
    "pymongo.database.Database.create_collection", "pymongo.database.Database.drop_collection",
], patchable=False)

RETURNS = {
    "pymongo.MongoClient": "pymongo.MongoClient",
    "pymongo.MongoClient.get_database": "pymongo.database.Database",
    "pymongo.MongoClient.get_default_database": "pymongo.database.Database",
    "pymongo.MongoClient.__getitem__": "pymongo.database.Database",
    "pymongo.database.Database.get_collection": _COLLECTION,
    "pymongo.database.Database.__getitem__": _COLLECTION,
    f"{_COLLECTION}.find": _CURSOR,
    f"{_COLLECTION}.aggregate": "pymongo.command_cursor.CommandCursor",
    **{f"{_CURSOR}.{m}": _CURSOR for m in ("sort", "limit", "skip", "batch_size", "hint", "max_time_ms",
                                            "where", "collation", "comment")},
}
# `client.shop.orders` is a Collection: any attribute of a client is a database, of a
# database a collection.
ATTRIBUTES = {
    "pymongo.MongoClient": {"*": "pymongo.database.Database"},
    "pymongo.database.Database": {"*": _COLLECTION},
}
ALIASES = {
    "pymongo.mongo_client.MongoClient": "pymongo.MongoClient",
}

"""pymongo: the synchronous MongoDB client (motor is the async one)."""

from ..model import DB, Kind, entries

BLOCKING_APIS = entries(Kind.DATABASE, DB, [
    "pymongo.MongoClient", "pymongo.collection.Collection.find_one",
    "pymongo.collection.Collection.insert_one", "pymongo.collection.Collection.insert_many",
    "pymongo.collection.Collection.update_one", "pymongo.collection.Collection.update_many",
    "pymongo.collection.Collection.delete_one", "pymongo.collection.Collection.delete_many",
    "pymongo.collection.Collection.count_documents", "pymongo.collection.Collection.aggregate",
], patchable=False)
RETURNS = {
    "pymongo.MongoClient": "pymongo.MongoClient",
    "pymongo.MongoClient.get_database": "pymongo.database.Database",
    "pymongo.database.Database.get_collection": "pymongo.collection.Collection",
}
# `client.shop.orders` is a Collection: any attribute of a client is a database, of a
# database a collection.
ATTRIBUTES = {
    "pymongo.MongoClient": {"*": "pymongo.database.Database"},
    "pymongo.database.Database": {"*": "pymongo.collection.Collection"},
}
ALIASES = {"pymongo.mongo_client.MongoClient": "pymongo.MongoClient"}

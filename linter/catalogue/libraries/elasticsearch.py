"""elasticsearch-py: every API method of the synchronous client and its namespaces
(`es.indices.create`) is an HTTP request; `AsyncElasticsearch` is another name."""

from ..model import Kind, blocking_type, entries

_ES = "`elasticsearch.AsyncElasticsearch`, or `asyncio.to_thread`"
_NAMESPACE = "elasticsearch.client.NamespacedClient"
_NAMESPACES = ("indices", "cluster", "cat", "nodes", "ingest", "snapshot", "tasks", "security", "ml",
               "transform", "sql", "async_search", "ilm", "license", "watcher", "enrich", "eql")

BLOCKING_TYPES = [
    blocking_type("elasticsearch.Elasticsearch", Kind.NETWORK, _ES, "options", "close", *_NAMESPACES),
    blocking_type(_NAMESPACE, Kind.NETWORK, _ES),
]
BLOCKING_APIS = entries(Kind.NETWORK, _ES, [
    "elasticsearch.helpers.bulk", "elasticsearch.helpers.scan", "elasticsearch.helpers.reindex",
    "elasticsearch.helpers.streaming_bulk", "elasticsearch.helpers.parallel_bulk",
], patchable=False)
RETURNS = {"elasticsearch.Elasticsearch.options": "elasticsearch.Elasticsearch"}
ATTRIBUTES = {"elasticsearch.Elasticsearch": {name: _NAMESPACE for name in _NAMESPACES}}
ALIASES = {"elasticsearch.client.Elasticsearch": "elasticsearch.Elasticsearch"}

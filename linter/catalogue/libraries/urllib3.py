"""urllib3: the connection pools under requests."""

from ..model import HTTP, Kind, entries

BLOCKING_APIS = entries(Kind.NETWORK, HTTP, [
    "urllib3.request", "urllib3.PoolManager.request", "urllib3.PoolManager.urlopen",
    "urllib3.HTTPConnectionPool.request", "urllib3.HTTPConnectionPool.urlopen",
])
RETURNS = {"urllib3.connection_from_url": "urllib3.HTTPConnectionPool"}
BASES = {"urllib3.HTTPSConnectionPool": ("urllib3.HTTPConnectionPool",)}
ALIASES = {
    "urllib3.poolmanager.PoolManager": "urllib3.PoolManager",
    "urllib3.connectionpool.HTTPConnectionPool": "urllib3.HTTPConnectionPool",
}

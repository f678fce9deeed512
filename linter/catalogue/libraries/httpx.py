"""httpx: its synchronous half (`httpx.get`, `httpx.Client`); `AsyncClient` is fine."""

from ..model import HTTP, HTTP_VERBS, Kind, entries

BLOCKING_APIS = entries(Kind.NETWORK, HTTP, [
    *(f"httpx.{v}" for v in HTTP_VERBS), "httpx.stream",
    *(f"httpx.Client.{v}" for v in HTTP_VERBS), "httpx.Client.send", "httpx.Client.stream",
])
RETURNS = {"httpx.Client": "httpx.Client"}
ALIASES = {"httpx._client.Client": "httpx.Client"}

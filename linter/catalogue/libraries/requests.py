"""requests: the synchronous HTTP client."""

from ..model import HTTP, HTTP_VERBS, Kind, entries

BLOCKING_APIS = entries(Kind.NETWORK, HTTP, [
    *(f"requests.{v}" for v in HTTP_VERBS),
    *(f"requests.Session.{v}" for v in HTTP_VERBS), "requests.Session.send",
])
RETURNS = {"requests.session": "requests.Session"}
ALIASES = {
    "requests.sessions.Session": "requests.Session",
    "requests.api.request": "requests.request",
    **{f"requests.api.{v}": f"requests.{v}" for v in HTTP_VERBS},
}

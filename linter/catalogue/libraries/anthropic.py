"""anthropic: every call of a resource of the synchronous client (`client.messages.create`)
is an HTTPS request; `AsyncAnthropic` is another name."""

from ..model import Kind, blocking_type

_ANTHROPIC = "`anthropic.AsyncAnthropic`"
_RESOURCE = "anthropic.resources.SyncAPIResource"

BLOCKING_TYPES = [blocking_type(_RESOURCE, Kind.NETWORK, _ANTHROPIC, "with_raw_response",
                                "with_streaming_response")]
ATTRIBUTES = {"anthropic.Anthropic": {"*": _RESOURCE}, _RESOURCE: {"*": _RESOURCE}}
RETURNS = {"anthropic.Anthropic.with_options": "anthropic.Anthropic"}
BASES = {"anthropic.AnthropicBedrock": ("anthropic.Anthropic",), "anthropic.AnthropicVertex": ("anthropic.Anthropic",)}
ALIASES = {"anthropic.Client": "anthropic.Anthropic", "anthropic._client.Anthropic": "anthropic.Anthropic"}

"""openai: every call of a resource of the synchronous client (`client.chat.completions.create`)
is an HTTPS request; `AsyncOpenAI` is another name, so its awaited calls are not matched."""

from ..model import Kind, blocking_type, entries

_OPENAI = "`openai.AsyncOpenAI`"
_RESOURCE = "openai.resources.SyncAPIResource"
_RESOURCES = ("chat", "completions", "embeddings", "images", "audio", "moderations", "files", "models",
              "fine_tuning", "batches", "beta", "responses", "uploads", "vector_stores")

BLOCKING_TYPES = [blocking_type(_RESOURCE, Kind.NETWORK, _OPENAI, "with_raw_response", "with_streaming_response")]
BLOCKING_APIS = entries(Kind.NETWORK, _OPENAI, [
    # the module-level API of openai < 1.0
    "openai.ChatCompletion.create", "openai.Completion.create", "openai.Embedding.create",
    "openai.Image.create", "openai.Moderation.create", "openai.Audio.transcribe",
], patchable=False)
# any attribute of a client, or of a resource, is a resource; the module is a client too
ATTRIBUTES = {
    "openai.OpenAI": {"*": _RESOURCE},
    _RESOURCE: {"*": _RESOURCE},
    "openai": {name: _RESOURCE for name in _RESOURCES},
}
RETURNS = {"openai.OpenAI.with_options": "openai.OpenAI"}
BASES = {"openai.AzureOpenAI": ("openai.OpenAI",)}
ALIASES = {"openai.Client": "openai.OpenAI", "openai._client.OpenAI": "openai.OpenAI"}

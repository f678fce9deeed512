"""slack_sdk: every API method of the synchronous `WebClient` (`chat_postMessage`,
`files_upload_v2`...) is an HTTPS request; `AsyncWebClient` is another name."""

from ..model import Kind, blocking_type

_SLACK = "`slack_sdk.web.async_client.AsyncWebClient`"

BLOCKING_TYPES = [
    blocking_type("slack_sdk.WebClient", Kind.NETWORK, _SLACK),
    blocking_type("slack_sdk.webhook.WebhookClient", Kind.NETWORK, _SLACK),
]
ALIASES = {
    "slack_sdk.web.WebClient": "slack_sdk.WebClient",
    "slack_sdk.web.client.WebClient": "slack_sdk.WebClient",
    "slack.WebClient": "slack_sdk.WebClient",
    "slack_sdk.webhook.client.WebhookClient": "slack_sdk.webhook.WebhookClient",
}

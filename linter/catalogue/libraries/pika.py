"""pika's BlockingConnection: connecting, and every method of it and its channels, waits for
the broker (`SelectConnection` and aio-pika are other names)."""

from ..model import Kind, blocking_type, entries

_AMQP = "aio-pika, or `asyncio.to_thread`"
_CONNECTION = "pika.BlockingConnection"
_CHANNEL = "pika.adapters.blocking_connection.BlockingChannel"

BLOCKING_TYPES = [
    # `add_callback_threadsafe` is how other threads hand it work: it returns at once
    blocking_type(_CONNECTION, Kind.NETWORK, _AMQP, "add_callback_threadsafe", "call_later", "remove_timeout",
                  "add_on_connection_blocked_callback", "add_on_connection_unblocked_callback", "is_open",
                  "is_closed", "basic_nack_supported", "consumer_cancel_notify_supported",
                  "exchange_exchange_bindings_supported", "publisher_confirms_supported"),
    blocking_type(_CHANNEL, Kind.NETWORK, _AMQP, "add_on_cancel_callback", "add_on_return_callback",
                  "is_open", "is_closed", "channel_number", "connection", "consumer_tags",
                  "get_waiting_message_count"),
]
BLOCKING_APIS = entries(Kind.NETWORK, _AMQP, [_CONNECTION], patchable=False)
RETURNS = {f"{_CONNECTION}.channel": _CHANNEL}
ALIASES = {
    "pika.adapters.blocking_connection.BlockingConnection": _CONNECTION,
    "pika.adapters.BlockingConnection": _CONNECTION,
}

"""confluent-kafka: `produce` only queues, but `flush`, `poll` (unless given 0), `consume`
and a synchronous `commit` wait for the brokers."""

from ..model import BlocksWhenGiven, Kind, NonBlockingWhen, entries

_KAFKA = "aiokafka, or `asyncio.to_thread`"
_NO_WAIT = NonBlockingWhen("timeout", 0, ("0", "0.0"))

BLOCKING_APIS = entries(Kind.NETWORK, _KAFKA, [
    "confluent_kafka.Producer.flush", "confluent_kafka.Consumer.consume", "confluent_kafka.Consumer.close",
    "confluent_kafka.Consumer.committed", "confluent_kafka.Consumer.list_topics",
    "confluent_kafka.Producer.list_topics",
], patchable=False) + entries(
    # no timeout waits for ever
    Kind.NETWORK, _KAFKA, ["confluent_kafka.Producer.poll", "confluent_kafka.Consumer.poll"], _NO_WAIT,
    patchable=False) + entries(
    Kind.NETWORK, _KAFKA, ["confluent_kafka.Consumer.commit"], BlocksWhenGiven("asynchronous", None, ("True",)),
    patchable=False)
ALIASES = {"confluent_kafka.cimpl.Producer": "confluent_kafka.Producer",
           "confluent_kafka.cimpl.Consumer": "confluent_kafka.Consumer"}

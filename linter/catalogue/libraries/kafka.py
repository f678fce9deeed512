"""kafka-python: its producer and consumer talk to the brokers synchronously (the constructors
bootstrap; `send` waits for metadata and buffer space; `poll` with a timeout waits for records)."""

from ..model import BlocksWhenGiven, Kind, blocking_type, entries

_KAFKA = "aiokafka (`AIOKafkaProducer`, `AIOKafkaConsumer`), or `asyncio.to_thread`"

BLOCKING_TYPES = [blocking_type("kafka.KafkaAdminClient", Kind.NETWORK, _KAFKA)]
BLOCKING_APIS = entries(Kind.NETWORK, _KAFKA, [
    "kafka.KafkaProducer", "kafka.KafkaConsumer", "kafka.KafkaAdminClient",
    "kafka.KafkaProducer.send", "kafka.KafkaProducer.flush", "kafka.KafkaProducer.close",
    "kafka.KafkaProducer.partitions_for",
    "kafka.producer.future.FutureRecordMetadata.get",
    "kafka.KafkaConsumer.__iter__", "kafka.KafkaConsumer.__next__", "kafka.KafkaConsumer.commit",
    "kafka.KafkaConsumer.close", "kafka.KafkaConsumer.topics", "kafka.KafkaConsumer.position",
    "kafka.KafkaConsumer.committed", "kafka.KafkaConsumer.end_offsets", "kafka.KafkaConsumer.beginning_offsets",
], patchable=False) + entries(
    Kind.NETWORK, _KAFKA, ["kafka.KafkaConsumer.poll"], BlocksWhenGiven("timeout_ms", 0, ("0",)),
    patchable=False)
RETURNS = {"kafka.KafkaProducer.send": "kafka.producer.future.FutureRecordMetadata"}
ALIASES = {
    "kafka.producer.KafkaProducer": "kafka.KafkaProducer",
    "kafka.consumer.KafkaConsumer": "kafka.KafkaConsumer",
    "kafka.admin.KafkaAdminClient": "kafka.KafkaAdminClient",
}

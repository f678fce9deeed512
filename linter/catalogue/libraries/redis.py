"""redis-py: its synchronous client, where every command is a round trip (`redis.asyncio` is
another name, so its awaited commands are not matched)."""

from ..model import DB, BlocksWhenGiven, Kind, blocking_type, entries

_REDIS = "`redis.asyncio.Redis`, or `asyncio.to_thread`"

# every command method of the client blocks; these build local objects
BLOCKING_TYPES = [
    blocking_type("redis.Redis", Kind.DATABASE, _REDIS, "pipeline", "pubsub", "lock", "from_url", "from_pool",
                  "get_connection_kwargs", "get_encoder", "set_response_callback", "register_script",
                  "transaction_callback", "client", "get_retry", "set_retry"),
]

BLOCKING_APIS = entries(Kind.DATABASE, DB, [
    "redis.client.Pipeline.execute", "redis.client.PubSub.subscribe", "redis.client.PubSub.psubscribe",
    "redis.client.PubSub.unsubscribe", "redis.client.PubSub.punsubscribe", "redis.client.PubSub.listen",
    "redis.lock.Lock.acquire", "redis.lock.Lock.release", "redis.lock.Lock.__enter__",
    "redis.commands.core.Script.__call__",
], patchable=False) + entries(
    # its default timeout is 0: a poll
    Kind.DATABASE, DB, ["redis.client.PubSub.get_message"], BlocksWhenGiven("timeout", 1, ("0", "0.0")),
    patchable=False)

RETURNS = {
    "redis.from_url": "redis.Redis",
    "redis.Redis.from_url": "redis.Redis",
    "redis.Redis.from_pool": "redis.Redis",
    "redis.Redis.pipeline": "redis.client.Pipeline",
    "redis.Redis.pubsub": "redis.client.PubSub",
    "redis.Redis.lock": "redis.lock.Lock",
    "redis.Redis.register_script": "redis.commands.core.Script",
}
BASES = {
    "redis.cluster.RedisCluster": ("redis.Redis",),
}
ALIASES = {
    "redis.client.Redis": "redis.Redis",
    "redis.StrictRedis": "redis.Redis",
    "redis.client.StrictRedis": "redis.Redis",
    "redis.RedisCluster": "redis.cluster.RedisCluster",
}

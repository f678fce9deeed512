"""redis-py: its synchronous client (`redis.asyncio` is fine)."""

from ..model import DB, Kind, entries

BLOCKING_APIS = entries(Kind.DATABASE, DB, [
    "redis.Redis.get", "redis.Redis.set", "redis.Redis.delete", "redis.Redis.hget",
    "redis.Redis.hset", "redis.Redis.hgetall", "redis.Redis.lpush", "redis.Redis.rpush",
    "redis.Redis.lpop", "redis.Redis.rpop", "redis.Redis.blpop", "redis.Redis.brpop",
    "redis.Redis.incr", "redis.Redis.expire", "redis.Redis.publish", "redis.Redis.keys",
    "redis.Redis.exists", "redis.Redis.mget", "redis.Redis.execute_command",
], patchable=False)
RETURNS = {"redis.from_url": "redis.Redis", "redis.StrictRedis": "redis.Redis"}
BASES = {"redis.StrictRedis": ("redis.Redis",)}
ALIASES = {"redis.client.Redis": "redis.Redis", "redis.StrictRedis": "redis.Redis"}

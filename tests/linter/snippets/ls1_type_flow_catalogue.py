import sqlite3
import threading
from typing import Optional, Union

import redis
import requests


class Buffer:
    def __init__(self):
        self.ready = threading.Condition()
        self.items = []

    async def take(self):
        with self.ready:
            self.ready.wait_for(lambda: self.items)  # error: LS107
            self.ready.wait_for(lambda: self.items, 0)
            return self.items.pop()


class Cache:
    def __init__(self, client: redis.Redis):
        self.client = client

    @classmethod
    def from_url(cls, url: str) -> "Cache":
        return cls(redis.Redis.from_url(url))

    async def get(self, key: str):
        return self.client.get(key)  # error: LS105


async def annotated(a: Optional[sqlite3.Connection], b: "requests.Session | None",
                    c: Union[sqlite3.Connection, None]):
    a.execute("select 1")  # error: LS105
    b.get("https://example.com")  # error: LS102
    c.commit()  # error: LS105


async def factory(url: str):
    client = redis.Redis.from_url(url)
    client.ping()  # error: LS105
    cache = Cache.from_url(url)
    return await cache.get("k")

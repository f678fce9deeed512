"""Types carried through expressions: `or`, conditionals, `await`, subscription, aliases,
`closing()`, partials, classmethods, typed dicts."""
import asyncio
import concurrent.futures as cf
import functools
import io
import json
import sqlite3
from contextlib import closing
from typing import Optional, TypeAlias, Union

import httpx
import pymongo
import requests
from motor.motor_asyncio import AsyncIOMotorClient

mongo = pymongo.MongoClient("mongodb://db")
events = mongo["hooks"]["events"]
amongo = AsyncIOMotorClient("mongodb://db")
aevents = amongo["hooks"]["events"]

Db = Union[sqlite3.Connection, None]
MaybeDb = Optional[sqlite3.Connection]
Conn: TypeAlias = sqlite3.Connection
Buffer: TypeAlias = io.StringIO
get_json = functools.partial(requests.get, timeout=10)
pretty = functools.partial(json.dumps, indent=2)


class Exporter:
    def __init__(self, session: Optional[requests.Session] = None, db=None) -> None:
        self.s = session or requests.Session()
        self.fetch = functools.partial(self.s.get, timeout=15)
        self.mongo = db if db is not None else pymongo.MongoClient()
        self.db = self.mongo["hooks"]
        self.jobs: dict[str, cf.Future] = {}

    @classmethod
    def default(cls) -> "Exporter":
        return cls()

    async def push(self, rows: list) -> None:
        self.s.post("https://x/import", json=rows)  # error: LS102
        self.fetch("https://x/config").json()  # error: LS102
        self.db["events"].insert_one({})  # error: LS105
        await asyncio.to_thread(self.fetch, "https://x/config")

    async def wait(self, name: str) -> dict:
        if self.jobs[name].done():
            print("finished")
        return self.jobs[name].result(timeout=30)  # error: LS108


class AsyncExporter:
    def __init__(self, client: Optional[httpx.AsyncClient] = None) -> None:
        self.client = client or httpx.AsyncClient()
        self.db = amongo["hooks"] if client else amongo["other"]

    async def push(self) -> None:
        await self.client.post("https://x/import")
        await self.db["events"].insert_one({})


async def handlers(db: Db, maybe: MaybeDb, conn: Conn, buf: Buffer, flag: bool) -> None:
    events.insert_one({})  # error: LS105
    mongo["a"]["b"].find_one({})  # error: LS105
    await aevents.insert_one({})
    await amongo["a"]["b"].find_one({})
    db.execute("select 1")  # error: LS105
    maybe.execute("select 1")  # error: LS105
    conn.commit()  # error: LS105
    buf.write("text")
    get_json("https://x/rates")  # error: LS102
    await asyncio.to_thread(get_json, "https://x/rates")
    pretty({"a": 1})
    with closing(sqlite3.connect("state.db")) as c:  # error: LS105
        c.execute("select 1")  # error: LS105
    Exporter.default().s.get("https://x")  # error: LS102, LS105
    session = requests.Session() if flag else None
    session.get("https://x")  # error: LS102

"""Repository classes of an async service, some still on sync drivers."""
from __future__ import annotations

import asyncio
import os

import motor.motor_asyncio
import psycopg2
import pymongo
import redis
import redis.asyncio as aioredis
from sqlalchemy import create_engine, select, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import Session

DSN = os.environ.get("DATABASE_URL", "postgresql://localhost/app")


class OrdersRepo:
    async def count_open(self) -> int:
        conn = psycopg2.connect(DSN)  # expect: LS1
        try:
            cur = conn.cursor()
            cur.execute("SELECT count(*) FROM orders WHERE status = 'open'")  # expect: LS1
            (n,) = cur.fetchone()
            return n
        finally:
            conn.close()

    def _count_open_sync(self) -> int:
        with psycopg2.connect(DSN) as conn, conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM orders WHERE status = 'open'")
            return cur.fetchone()[0]

    async def count_open_offloaded(self) -> int:
        return await asyncio.to_thread(self._count_open_sync)


class ProfilesRepo:
    def __init__(self) -> None:
        self.mongo = pymongo.MongoClient("mongodb://localhost:27017")
        self.amongo = motor.motor_asyncio.AsyncIOMotorClient("mongodb://localhost:27017")

    async def get(self, user_id: str) -> dict | None:
        return self.mongo.app.profiles.find_one({"_id": user_id})  # expect: LS1

    async def get_async(self, user_id: str) -> dict | None:
        return await self.amongo.app.profiles.find_one({"_id": user_id})


class Sessions:
    def __init__(self) -> None:
        self.sync = redis.Redis(host="localhost", decode_responses=True)
        self.aio = aioredis.Redis(host="localhost", decode_responses=True)

    async def lookup(self, token: str) -> str | None:
        return self.sync.get(f"session:{token}")  # expect: LS1

    async def lookup_async(self, token: str) -> str | None:
        return await self.aio.get(f"session:{token}")

    async def touch(self, token: str, ttl: int = 3600) -> None:
        await self.aio.expire(f"session:{token}", ttl)


engine = create_engine(DSN)
async_engine = create_async_engine(DSN.replace("postgresql://", "postgresql+asyncpg://"))


async def report_rows() -> list:
    with Session(engine) as session:
        return list(session.execute(text("SELECT * FROM report")))  # expect: LS1


async def report_rows_async() -> list:
    async with AsyncSession(async_engine) as session:
        result = await session.execute(select(text("*")).select_from(text("report")))
        return list(result)

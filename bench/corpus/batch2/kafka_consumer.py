"""Consume events and persist them; the consumer client is sync, wrapped for asyncio."""
from __future__ import annotations

import asyncio
import json
import threading

import psycopg2


class Persister:
    def __init__(self, dsn: str) -> None:
        self.dsn = dsn
        self.conn = None

    def _connect(self):
        if self.conn is None:
            self.conn = psycopg2.connect(self.dsn)
        return self.conn

    def write(self, event: dict) -> None:
        with self._connect().cursor() as cur:
            cur.execute("INSERT INTO events (body) VALUES (%s)", (json.dumps(event),))
        self.conn.commit()


class Consumer:
    def __init__(self, persister: Persister) -> None:
        self.persister = persister
        self.loop = asyncio.new_event_loop()  # expect: LS2
        self.stop = threading.Event()

    def poll(self) -> list[dict]:
        return [{"n": 1}]

    async def handle(self, event: dict) -> None:
        self.persister.write(event)  # expect: LS1

    async def handle_offloaded(self, event: dict) -> None:
        await asyncio.to_thread(self.persister.write, event)

    def run_forever(self) -> None:
        while not self.stop.is_set():
            for event in self.poll():
                self.loop.run_until_complete(self.handle_offloaded(event))


def start(dsn: str) -> threading.Thread:
    consumer = Consumer(Persister(dsn))
    thread = threading.Thread(target=consumer.run_forever, daemon=True)
    thread.start()
    return thread

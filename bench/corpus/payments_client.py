"""A payments gateway client used by an async web shop: sessions, locks and sockets
held on the object, typed by their constructors and by annotations."""
from __future__ import annotations

import asyncio
import socket
import sqlite3
import threading
from dataclasses import dataclass, field

import aiohttp
import requests


@dataclass
class Charge:
    order_id: str
    cents: int
    meta: dict = field(default_factory=dict)


class GatewayClient:
    def __init__(self, base_url: str, ledger_path: str = "ledger.db") -> None:
        self.base_url = base_url
        self.session = requests.Session()
        self.lock = threading.Lock()
        self.ledger = sqlite3.connect(ledger_path, check_same_thread=False)
        self.http: aiohttp.ClientSession | None = None

    async def charge(self, charge: Charge) -> dict:
        resp = self.session.post(f"{self.base_url}/charges", json=charge.__dict__, timeout=15)  # expect: LS1
        resp.raise_for_status()
        return resp.json()

    async def charge_async(self, charge: Charge) -> dict:
        if self.http is None:
            self.http = aiohttp.ClientSession()
        async with self.http.post(f"{self.base_url}/charges", json=charge.__dict__) as resp:
            resp.raise_for_status()
            return await resp.json()

    async def record(self, charge: Charge, status: str) -> None:
        self.lock.acquire()  # expect: LS1
        try:
            self.ledger.execute(  # expect: LS1
                "INSERT INTO ledger VALUES (?, ?, ?)", (charge.order_id, charge.cents, status)
            )
            self.ledger.commit()  # expect: LS1
        finally:
            self.lock.release()

    def _record_sync(self, charge: Charge, status: str) -> None:
        with self.lock:
            self.ledger.execute(
                "INSERT INTO ledger VALUES (?, ?, ?)", (charge.order_id, charge.cents, status)
            )
            self.ledger.commit()

    async def record_offloaded(self, charge: Charge, status: str) -> None:
        await asyncio.to_thread(self._record_sync, charge, status)

    async def refund(self, order_id: str) -> None:
        self._record_sync(Charge(order_id, 0), "refunded")  # expect: LS1

    async def balance(self, conn: sqlite3.Connection) -> int:
        (total,) = conn.execute("SELECT SUM(cents) FROM ledger").fetchone()  # expect: LS1
        return total or 0

    def status_line(self) -> str:
        return f"{self.base_url} ({'open' if self.http else 'idle'})"

    async def close(self) -> None:
        if self.http is not None:
            await self.http.close()
        self.session.close()


class LegacyTerminal:
    """A card terminal on the shop floor, spoken to over a raw TCP socket."""

    def __init__(self, host: str, port: int = 9100) -> None:
        self.addr = (host, port)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)

    async def ping(self) -> bytes:
        self.sock.connect(self.addr)  # expect: LS1
        self.sock.sendall(b"PING\n")  # expect: LS1
        return self.sock.recv(64)  # expect: LS1

    async def ping_async(self) -> bytes:
        loop = asyncio.get_running_loop()
        self.sock.setblocking(False)
        await loop.sock_connect(self.sock, self.addr)
        await loop.sock_sendall(self.sock, b"PING\n")
        return await loop.sock_recv(self.sock, 64)

    async def ping_streams(self) -> bytes:
        reader, writer = await asyncio.open_connection(*self.addr)
        writer.write(b"PING\n")
        await writer.drain()
        data = await reader.readline()
        writer.close()
        await writer.wait_closed()
        return data

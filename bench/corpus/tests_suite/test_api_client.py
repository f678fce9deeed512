"""An async test module of a client library (pytest-asyncio)."""
from __future__ import annotations

import asyncio
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import httpx
import pytest


class Hello(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"hello")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    srv = HTTPServer(("127.0.0.1", 0), Hello)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()
    thread.join()
    srv.server_close()


@pytest.mark.asyncio
async def test_get(server):
    async with httpx.AsyncClient() as client:
        resp = await client.get(server)
    assert resp.text == "hello"


@pytest.mark.asyncio
async def test_get_with_sync_client(server):
    resp = httpx.get(server)  # expect: LS1
    assert resp.status_code == 200


@pytest.mark.asyncio
async def test_timeout_behaviour(server):
    started = time.monotonic()
    time.sleep(0.05)  # expect: LS1
    await asyncio.sleep(0.05)
    assert time.monotonic() - started >= 0.1


@pytest.mark.asyncio
async def test_concurrent(server):
    async with httpx.AsyncClient() as client:
        results = await asyncio.gather(*(client.get(server) for _ in range(5)))
    assert all(r.status_code == 200 for r in results)


def test_sync_client(server):
    assert httpx.get(server).text == "hello"
    time.sleep(0.01)

"""A threaded TCP gateway where each connection thread runs a short asyncio job."""
from __future__ import annotations

import asyncio
import socketserver
import threading

import aiohttp

UPSTREAM = "https://api.example.org/lookup/"


async def lookup(key: str) -> str:
    async with aiohttp.ClientSession() as session:
        async with session.get(UPSTREAM + key) as resp:
            return await resp.text()


class Handler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        key = self.rfile.readline().strip().decode()
        result = asyncio.run(lookup(key))
        self.wfile.write(result.encode() + b"\n")


class SharedLoopHandler(socketserver.StreamRequestHandler):
    """Variant that sends the work to one loop owned by the server."""

    def handle(self) -> None:
        key = self.rfile.readline().strip().decode()
        fut = asyncio.run_coroutine_threadsafe(lookup(key), self.server.loop)
        self.wfile.write(fut.result(timeout=10).encode() + b"\n")


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, addr, handler) -> None:
        super().__init__(addr, handler)
        self.loop = asyncio.new_event_loop()
        self.loop_thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.loop_thread.start()

    def server_close(self) -> None:
        super().server_close()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.loop_thread.join()
        self.loop.close()


if __name__ == "__main__":
    with Server(("127.0.0.1", 9000), SharedLoopHandler) as srv:
        srv.serve_forever()

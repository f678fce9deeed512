"""A pre-forking asyncio HTTP server (as first written): the parent runs a loop for
health checks and forks a child per core."""
from __future__ import annotations

import asyncio
import os
import socket

from aiohttp import web

CORES = os.cpu_count() or 2


async def hello(request: web.Request) -> web.Response:
    return web.Response(text=f"hello from {os.getpid()}")


def serve_child(sock: socket.socket) -> None:
    app = web.Application()
    app.router.add_get("/", hello)
    web.run_app(app, sock=sock)


async def health_loop(children: list[int]) -> None:
    while children:
        pid, _ = await asyncio.to_thread(os.wait)
        children.remove(pid)


async def supervise(sock: socket.socket) -> None:
    children = []
    for _ in range(CORES):
        pid = os.fork()  # expect: LS3
        if pid == 0:
            serve_child(sock)
            os._exit(0)
        children.append(pid)
    await health_loop(children)


def main() -> None:
    sock = socket.create_server(("0.0.0.0", 8080), reuse_port=True)
    asyncio.run(supervise(sock))


if __name__ == "__main__":
    main()

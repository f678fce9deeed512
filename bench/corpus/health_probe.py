"""Health probes for a fleet of services, over http.client, raw sockets and asyncio streams."""
from __future__ import annotations

import asyncio
import http.client
import select
import socket
import ssl
import urllib3
from http.client import HTTPSConnection

POOL = urllib3.PoolManager(num_pools=4)


async def probe_http(host: str, path: str = "/healthz") -> int:
    conn = http.client.HTTPConnection(host, 80, timeout=3)
    conn.request("GET", path)  # expect: LS1
    status = conn.getresponse().status  # expect: LS1
    conn.close()
    return status


async def probe_https(host: str) -> int:
    conn = HTTPSConnection(host, timeout=3, context=ssl.create_default_context())
    try:
        conn.request("HEAD", "/")  # expect: LS1
        return conn.getresponse().status  # expect: LS1
    finally:
        conn.close()


async def probe_urllib3(url: str) -> int:
    return POOL.request("GET", url, timeout=3.0).status  # expect: LS1


async def probe_tcp(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):  # expect: LS1
            return True
    except OSError:
        return False


async def probe_tcp_async(host: str, port: int) -> bool:
    try:
        _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout=2)
    except (OSError, asyncio.TimeoutError):
        return False
    writer.close()
    await writer.wait_closed()
    return True


async def wait_readable(sock: socket.socket, timeout: float) -> bool:
    readable, _, _ = select.select([sock], [], [], timeout)  # expect: LS1
    return bool(readable)


async def udp_ping(host: str, port: int) -> bytes:
    loop = asyncio.get_running_loop()
    received: asyncio.Future[bytes] = loop.create_future()

    class Proto(asyncio.DatagramProtocol):
        def connection_made(self, transport):
            transport.sendto(b"ping")

        def datagram_received(self, data, addr):
            if not received.done():
                received.set_result(data)

    transport, _ = await loop.create_datagram_endpoint(Proto, remote_addr=(host, port))
    try:
        return await asyncio.wait_for(received, 2)
    finally:
        transport.close()


def probe_http_sync(host: str) -> int:
    conn = http.client.HTTPConnection(host, 80, timeout=3)
    conn.request("GET", "/healthz")
    return conn.getresponse().status


async def probe_all(hosts: list[str]) -> dict[str, int]:
    codes = await asyncio.gather(*(asyncio.to_thread(probe_http_sync, h) for h in hosts))
    return dict(zip(hosts, codes))


async def probe_first(hosts: list[str]) -> int:
    return probe_http_sync(hosts[0])  # expect: LS1

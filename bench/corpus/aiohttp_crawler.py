"""A polite aiohttp crawler: robots, DNS pre-resolution and a fallback fetcher."""
from __future__ import annotations

import asyncio
import functools
import socket
import urllib.request
from urllib.parse import urljoin, urlparse

import aiohttp
import requests

USER_AGENT = "corpus-crawler/1.0"


class Crawler:
    def __init__(self, start: str, limit: int = 100) -> None:
        self.start = start
        self.limit = limit
        self.seen: set[str] = set()
        self.queue: asyncio.Queue[str] = asyncio.Queue()
        self.http = requests.Session()
        self.http.headers["User-Agent"] = USER_AGENT

    async def resolve(self, url: str) -> str:
        host = urlparse(url).hostname
        return socket.gethostbyname(host)  # expect: LS1

    async def resolve_async(self, url: str) -> list:
        host = urlparse(url).hostname
        loop = asyncio.get_running_loop()
        return await loop.getaddrinfo(host, 443, type=socket.SOCK_STREAM)

    async def fetch(self, session: aiohttp.ClientSession, url: str) -> str | None:
        try:
            async with session.get(url, timeout=aiohttp.ClientTimeout(total=10)) as resp:
                if resp.status != 200:
                    return None
                return await resp.text()
        except aiohttp.ClientError:
            return await self.fetch_fallback(url)

    async def fetch_fallback(self, url: str) -> str | None:
        resp = self.http.get(url, timeout=10)  # expect: LS1
        return resp.text if resp.ok else None

    async def fetch_robots(self, base: str) -> str:
        with urllib.request.urlopen(urljoin(base, "/robots.txt"), timeout=5) as resp:  # expect: LS1
            return resp.read().decode("utf-8", "replace")  # expect: LS1

    async def fetch_robots_offloaded(self, base: str) -> bytes:
        loop = asyncio.get_running_loop()
        get = functools.partial(requests.get, urljoin(base, "/robots.txt"), timeout=5)
        resp = await loop.run_in_executor(None, get)
        return resp.content

    @staticmethod
    def links(base: str, html: str) -> list[str]:
        out = []
        for chunk in html.split('href="')[1:]:
            out.append(urljoin(base, chunk.split('"', 1)[0]))
        return out

    async def worker(self, session: aiohttp.ClientSession) -> None:
        while True:
            url = await self.queue.get()
            try:
                html = await self.fetch(session, url)
                if html:
                    for link in self.links(url, html):
                        if link not in self.seen and len(self.seen) < self.limit:
                            self.seen.add(link)
                            self.queue.put_nowait(link)
            finally:
                self.queue.task_done()

    async def run(self, workers: int = 8) -> set[str]:
        self.seen.add(self.start)
        await self.queue.put(self.start)
        async with aiohttp.ClientSession(headers={"User-Agent": USER_AGENT}) as session:
            tasks = [asyncio.create_task(self.worker(session)) for _ in range(workers)]
            await self.queue.join()
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        return self.seen


if __name__ == "__main__":
    print(len(asyncio.run(Crawler("https://example.org").run())))

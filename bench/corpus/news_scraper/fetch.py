"""The scraping loop: fetch with aiohttp, parse, store."""
from __future__ import annotations

import asyncio
import logging

import aiohttp

from . import parse
from .storage import Store, slugify

log = logging.getLogger(__name__)


class Scraper:
    def __init__(self, store: Store, concurrency: int = 5) -> None:
        self.store = store
        self.sem = asyncio.Semaphore(concurrency)

    async def one(self, session: aiohttp.ClientSession, url: str) -> str | None:
        async with self.sem:
            async with session.get(url) as resp:
                if resp.status != 200:
                    return None
                html = await resp.text()
        art = parse.article(html)
        slug = slugify(art["title"])
        if self.store.known(slug):  # expect: LS1
            return None
        self.store.save(slug, art)  # expect: LS1
        return slug

    async def one_offloaded(self, session: aiohttp.ClientSession, url: str) -> str | None:
        async with self.sem, session.get(url) as resp:
            html = await resp.text()
        art = parse.article(html)
        slug = slugify(art["title"])
        if await asyncio.to_thread(self.store.known, slug):
            return None
        await asyncio.to_thread(self.store.save, slug, art)
        return slug

    async def all(self, urls: list[str]) -> list[str]:
        async with aiohttp.ClientSession() as session:
            slugs = await asyncio.gather(*(self.one_offloaded(session, u) for u in urls))
        return [s for s in slugs if s]

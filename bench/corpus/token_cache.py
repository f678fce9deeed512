"""An OAuth token cache shared by asyncio tasks and a few worker threads."""
from __future__ import annotations

import asyncio
import threading
import time

import httpx

TOKEN_URL = "https://auth.example.org/oauth/token"


class TokenCache:
    def __init__(self, client_id: str, secret: str) -> None:
        self.client_id = client_id
        self.secret = secret
        self._token: str | None = None
        self._expires = 0.0
        self._thread_lock = threading.Lock()
        self._rlock = threading.RLock()
        self._async_lock = asyncio.Lock()
        self._sem = threading.BoundedSemaphore(4)

    def _valid(self) -> bool:
        return self._token is not None and self._expires > time.time() + 30

    async def _fetch(self) -> tuple[str, float]:
        async with httpx.AsyncClient() as client:
            resp = await client.post(TOKEN_URL, data={"client_id": self.client_id, "client_secret": self.secret})
            body = resp.json()
            return body["access_token"], time.time() + body["expires_in"]

    async def token_broken(self) -> str:
        with self._thread_lock:  # expect: LS2
            if not self._valid():
                self._token, self._expires = await self._fetch()
            return self._token

    async def token(self) -> str:
        async with self._async_lock:
            if not self._valid():
                self._token, self._expires = await self._fetch()
        with self._thread_lock:
            return self._token

    async def token_rlock(self) -> str:
        with self._rlock:  # expect: LS2
            token, expires = await self._fetch()
            self._token, self._expires = token, expires
        return token

    async def limited_call(self, url: str) -> int:
        with self._sem:  # expect: LS2
            async with httpx.AsyncClient() as client:
                resp = await client.get(url, headers={"Authorization": f"Bearer {await self.token()}"})
        return resp.status_code

    async def snapshot(self) -> dict:
        with self._thread_lock:
            state = {"token": self._token, "expires": self._expires}
        await asyncio.sleep(0)
        return state

    def token_for_thread(self) -> str | None:
        with self._thread_lock:
            return self._token if self._valid() else None

    async def invalidate_later(self, delay: float) -> None:
        await asyncio.sleep(delay)
        with self._thread_lock:
            self._token = None

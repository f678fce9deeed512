import functools

import requests


class Inventory:
    def __init__(self, base: str) -> None:
        self.base = base
        self._session = requests.Session()

    @property
    def remote_status(self) -> dict:
        return self._session.get(f"{self.base}/status", timeout=5).json()

    @remote_status.setter
    def remote_status(self, value: dict) -> None:
        self._session.post(f"{self.base}/status", json=value)

    @functools.cached_property
    def regions(self) -> list:
        return requests.get(f"{self.base}/regions", timeout=5).json()

    @property
    def url(self) -> str:
        return self.base + "/"

    def refresh(self) -> dict:
        return self.remote_status

import requests


class LoggingMixin:
    def log(self, message: str) -> None:
        print(message)


class ApiClient:
    def fetch(self, url: str) -> bytes:
        return requests.get(url, timeout=5).content


class CachedClient(LoggingMixin, ApiClient):
    def fetch(self, url: str) -> bytes:
        self.log(url)
        return super().fetch(url)


class Session(LoggingMixin, requests.Session):
    def get(self, url, **kwargs):
        self.log(url)
        return super().get(url, **kwargs)


async def handler(url: str) -> None:
    CachedClient().fetch(url)  # error: LS102
    Session().get(url)  # error: LS102
    LoggingMixin().log(url)

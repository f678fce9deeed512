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


class Source:
    def load(self) -> list:
        return requests.get("https://partner/feed", timeout=5).json()


class Memory:
    def load(self) -> list:
        return []


class TimingMixin:
    """No base of its own: its `super()` is whatever follows it in a subclass's MRO."""

    def load(self) -> list:
        return super().load()


class AuditMixin:
    def load(self) -> list:
        return super().load()


class PartnerSource(TimingMixin, Source):
    pass


class Replay(AuditMixin, Memory):
    pass


async def partner() -> None:
    PartnerSource().load()  # error: LS102
    Replay().load()

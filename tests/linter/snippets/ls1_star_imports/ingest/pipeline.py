from ingest import *  # noqa: F403  (the package re-exports its modules)


async def ingest(url: str) -> None:
    fetch_feed(url)  # error: LS102
    promote(url, "/done")  # error: LS104
    _private_fetch(url)  # private: a star import leaves it out

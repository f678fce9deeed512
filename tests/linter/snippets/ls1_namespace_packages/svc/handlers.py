import asyncio

from svc.api import storage
from svc.api.storage import Uploader, fetch_manifest
from shop.catalog import load_prices


async def refresh(url: str) -> None:
    fetch_manifest(url)  # error: LS102
    storage.fetch_manifest(url)  # error: LS102
    Uploader().push(url, b"")  # error: LS102
    load_prices()  # error: LS104
    await asyncio.to_thread(fetch_manifest, url)

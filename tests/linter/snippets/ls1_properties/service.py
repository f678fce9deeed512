import asyncio

from inventory import Inventory


class Service:
    def __init__(self) -> None:
        self.inv = Inventory("https://inventory")

    async def healthy(self) -> bool:
        return self.inv.remote_status.get("ok", False)  # error: LS102

    async def regions(self) -> int:
        return len(self.inv.regions)  # error: LS102

    async def url(self) -> str:
        return self.inv.url

    async def offloaded(self) -> dict:
        return await asyncio.to_thread(lambda: self.inv.remote_status)

    async def through_method(self) -> dict:
        return self.inv.refresh()  # error: LS102

    def sync_read(self) -> dict:
        return self.inv.remote_status


async def check(inv: Inventory) -> None:
    status = inv.remote_status  # error: LS102
    print(status, inv.url, inv.base)

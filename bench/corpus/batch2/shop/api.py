"""Litestar-style handlers of the shop (plain async functions here)."""
from __future__ import annotations

import asyncio

from .inventory import Inventory, shared, wait_for_restock

INV = Inventory()


async def get_stock(sku: str) -> dict:
    return {"sku": sku, "qty": INV.stock(sku)}  # expect: LS1


async def get_price(sku: str) -> dict:
    return {"sku": sku, "price": INV.price(sku)}


async def reserve(sku: str, qty: int) -> dict:
    ok = await asyncio.to_thread(INV.reserve, sku, qty)
    return {"ok": ok}


async def reserve_inline(sku: str, qty: int) -> dict:
    return {"ok": shared().reserve(sku, qty)}  # expect: LS1


async def notify_when_back(sku: str) -> int:
    return wait_for_restock(INV, sku)  # expect: LS1


async def notify_when_back_offloaded(sku: str) -> int:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, wait_for_restock, INV, sku)

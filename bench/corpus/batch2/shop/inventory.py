"""Inventory lookups shared by the shop's API and its nightly jobs."""
from __future__ import annotations

import shelve
import sqlite3
import time
from functools import lru_cache

DB = "inventory.db"


class Inventory:
    def __init__(self, path: str = DB) -> None:
        self.db = sqlite3.connect(path, check_same_thread=False)

    def stock(self, sku: str) -> int:
        row = self.db.execute("SELECT qty FROM stock WHERE sku = ?", (sku,)).fetchone()
        return row[0] if row else 0

    def reserve(self, sku: str, qty: int) -> bool:
        with self.db:
            cur = self.db.execute("UPDATE stock SET qty = qty - ? WHERE sku = ? AND qty >= ?", (qty, sku, qty))
        return cur.rowcount == 1

    def price(self, sku: str) -> float:
        return PRICES.get(sku, 0.0)


PRICES = {"A1": 9.5, "B2": 20.0}


@lru_cache(maxsize=1)
def shared() -> Inventory:
    return Inventory()


def wait_for_restock(inv: Inventory, sku: str, every: float = 5.0) -> int:
    while (qty := inv.stock(sku)) == 0:
        time.sleep(every)
    return qty


def legacy_notes(sku: str) -> str:
    with shelve.open("notes") as notes:
        return notes.get(sku, "")

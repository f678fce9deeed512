"""Explore 2, fixed: a timeout never starts a second charge while one is in flight.

A thread cannot be cancelled, so the charge is shielded: on a timeout the caller logs
the slow provider and keeps waiting for the same charge instead of starting another.
"""

import asyncio
import logging
import threading
import time

log = logging.getLogger(__name__)


class PaymentClient:
    """A blocking payment SDK."""

    def __init__(self):
        self.charges = []
        self._lock = threading.Lock()

    def charge(self, order_id, amount):
        time.sleep(0.02)  # the payment provider's round trip
        with self._lock:
            self.charges.append((order_id, amount))
        return f"receipt-{order_id}-{len(self.charges)}"


async def pay(client, order_id, amount, timeout=0.15):
    charge = asyncio.ensure_future(asyncio.to_thread(client.charge, order_id, amount))
    try:
        return await asyncio.wait_for(asyncio.shield(charge), timeout)
    except asyncio.TimeoutError:
        log.info("order %s: the provider is slow; waiting for the charge in flight", order_id)
        return await charge


async def main():
    client = PaymentClient()
    await pay(client, 42, 10)
    await asyncio.sleep(0.2)  # the receipts of late charges arrive
    assert client.charges == [(42, 10)], f"charged {len(client.charges)} times"
    return client.charges


if __name__ == "__main__":
    print(asyncio.run(main()))

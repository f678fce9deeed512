"""Explore 2, broken: a timeout races a worker's completion, and the retry repeats the charge.

``wait_for`` gives up on the awaiting side only: the thread running ``charge`` cannot be
cancelled and completes anyway. Retrying then charges the card a second time. On a
stock loop the charge takes 20 ms against a 150 ms timeout and the test always passes;
under ``loopsafe_explore`` the timeout fires while the charge is under way.
"""

import asyncio
import threading
import time


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


async def pay(client, order_id, amount, attempts=3, timeout=0.15):
    for _ in range(attempts):
        try:
            return await asyncio.wait_for(asyncio.to_thread(client.charge, order_id, amount), timeout)
        except asyncio.TimeoutError:
            continue  # "the provider was slow: try again"
    raise RuntimeError(f"payment of order {order_id} failed")


async def main():
    client = PaymentClient()
    await pay(client, 42, 10)
    await asyncio.sleep(0.2)  # the receipts of late charges arrive
    assert client.charges == [(42, 10)], f"charged {len(client.charges)} times"
    return client.charges


if __name__ == "__main__":
    print(asyncio.run(main()))

"""A checkout with two blocking calls on the event loop: one the linter sees, one it cannot."""

import time

from paymentsdk import PaymentClient


async def reserve_stock(order: dict) -> dict:
    time.sleep(0.2)  # our own blocking call: `loopsafe check` reports it (LS101)
    return {**order, "reserved": True}


async def pay(order: dict) -> dict:
    payments = PaymentClient(api_key="test")
    # blocks inside the SDK, outside the checked paths: only the tests see it
    return payments.charge(order["total"])


async def checkout(order: dict) -> dict:
    order = await reserve_stock(order)
    return await pay(order)

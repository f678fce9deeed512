import asyncio

from shop.checkout import checkout


def test_checkout():
    receipt = asyncio.run(checkout({"id": 7, "total": 1250}))
    assert receipt["status"] == "paid"

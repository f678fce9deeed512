"""A sync `for` (or comprehension) calls its iterable's `__iter__`; `async for` does not."""
import json
from typing import Iterator

from django.db import models
from django.db.models import QuerySet


class Order(models.Model):
    pass


def open_orders() -> QuerySet:
    return Order.objects.filter(paid=False)


class JsonLines:
    def __init__(self, path: str) -> None:
        self.path = path

    def __iter__(self) -> Iterator[dict]:
        with open(self.path) as f:
            for line in f:
                yield json.loads(line)


class Numbers:
    def __iter__(self) -> Iterator[int]:
        yield from range(3)


async def views(flag: bool) -> None:
    qs = Order.objects.filter(paid=True).order_by("-id")[:20]
    for order in qs:  # error: LS105
        print(order)
    async for order in qs:
        print(order)
    print([o.pk for o in qs])  # error: LS105
    print([o.pk async for o in qs])
    print([o.pk for o in open_orders()])  # error: LS105
    print([o.pk async for o in open_orders()])
    print(len(qs[:5]))  # error: LS105
    for line in JsonLines("events.jsonl"):  # error: LS104
        print(line)
    for n in Numbers():
        print(n)
    for n in range(3):
        print(n)
    for key in {"a": 1}:
        print(key)
    order = await Order.objects.aget(pk=1)
    order.delete()  # error: LS105
    await order.adelete()

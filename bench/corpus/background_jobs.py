"""Background jobs of a web app: some coroutine functions end up in threads by mistake."""
from __future__ import annotations

import asyncio
import concurrent.futures
import threading

import anyio
import httpx

EXECUTOR = concurrent.futures.ThreadPoolExecutor(max_workers=4)


async def send_webhook(url: str, payload: dict) -> int:
    async with httpx.AsyncClient() as client:
        resp = await client.post(url, json=payload)
        return resp.status_code


def send_webhook_sync(url: str, payload: dict) -> int:
    return httpx.post(url, json=payload).status_code


async def refresh_search_index() -> None:
    await asyncio.sleep(1)


def fire_and_forget_broken(url: str, payload: dict) -> None:
    threading.Thread(target=send_webhook, args=(url, payload), daemon=True).start()  # expect: LS2


def fire_and_forget(url: str, payload: dict) -> None:
    threading.Thread(target=asyncio.run, args=(send_webhook(url, payload),), daemon=True).start()


def fire_and_forget_lambda(url: str, payload: dict) -> None:
    threading.Thread(target=lambda: asyncio.run(send_webhook(url, payload)), daemon=True).start()


async def on_order_paid(order: dict) -> None:
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, send_webhook, order["hook"], order)  # expect: LS2
    await loop.run_in_executor(None, send_webhook_sync, order["hook"], order)


async def on_order_shipped(order: dict) -> None:
    await asyncio.to_thread(refresh_search_index)  # expect: LS2
    await asyncio.to_thread(send_webhook_sync, order["hook"], order)


async def on_order_cancelled(order: dict) -> None:
    EXECUTOR.submit(send_webhook, order["hook"], order)  # expect: LS2
    fut = EXECUTOR.submit(send_webhook_sync, order["hook"], order)
    await asyncio.wrap_future(fut)


async def on_refund(order: dict) -> None:
    await anyio.to_thread.run_sync(send_webhook, order["hook"], order)  # expect: LS2


async def on_refund_fixed(order: dict) -> None:
    await anyio.to_thread.run_sync(send_webhook_sync, order["hook"], order)
    async with anyio.create_task_group() as tg:
        tg.start_soon(send_webhook, order["hook"], order)
        tg.start_soon(refresh_search_index)

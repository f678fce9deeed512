"""Wrapping a callback-style vendor SDK whose callbacks arrive on its worker thread:
the first attempt, with the loop APIs called straight from that thread."""
from __future__ import annotations

import asyncio
import threading
import time


class VendorSDK:
    """Stand-in for the vendor library: it calls back from its own thread."""

    def __init__(self) -> None:
        self.callbacks = []

    def on_event(self, cb) -> None:
        self.callbacks.append(cb)

    def start(self) -> None:
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        for n in range(3):
            time.sleep(0.1)
            for cb in self.callbacks:
                cb({"n": n})


class Listener:
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.events: asyncio.Queue[dict] = asyncio.Queue()
        self.first: asyncio.Future[dict] = loop.create_future()
        self.got_any = asyncio.Event()

    def on_event_broken(self, event: dict) -> None:
        self.loop.call_soon(self.events.put_nowait, event)  # expect: LS2
        if not self.first.done():
            self.first.set_result(event)  # expect: LS2

    def on_event_fixed(self, event: dict) -> None:
        self.loop.call_soon_threadsafe(self.events.put_nowait, event)
        self.loop.call_soon_threadsafe(self._resolve_first, event)

    def _resolve_first(self, event: dict) -> None:
        if not self.first.done():
            self.first.set_result(event)


def poll_and_publish(loop: asyncio.AbstractEventLoop, listener: Listener) -> None:
    """A polling thread that hands work to the loop."""
    for n in range(3):
        time.sleep(0.2)
        loop.create_task(publish(listener, {"poll": n}))  # expect: LS2
        asyncio.run_coroutine_threadsafe(publish(listener, {"poll-ok": n}), loop)


def report_progress(done: int, total: int) -> None:
    """Called from the download thread below."""
    loop = asyncio.get_running_loop()  # expect: LS2
    loop.call_soon(print, f"{done}/{total}")  # expect: LS2


def download_all(urls: list[str]) -> None:
    for i, _url in enumerate(urls, 1):
        time.sleep(0.05)
        report_progress(i, len(urls))


async def publish(listener: Listener, event: dict) -> None:
    await listener.events.put(event)


async def main() -> None:
    loop = asyncio.get_running_loop()
    listener = Listener(loop)
    sdk = VendorSDK()
    sdk.on_event(listener.on_event_broken)
    sdk.on_event(listener.on_event_fixed)
    sdk.start()
    poller = threading.Thread(target=poll_and_publish, args=(loop, listener), daemon=True)
    poller.start()
    await loop.run_in_executor(None, download_all, ["a", "b"])
    print(await listener.first)


if __name__ == "__main__":
    asyncio.run(main())

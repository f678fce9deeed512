"""LS201 through callbacks: functions a thread's code hands to a library call, or
registers with an object whose thread calls back."""

import asyncio
import threading
import urllib.request


class Download:
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.progress: asyncio.Queue = asyncio.Queue()

    def fetch(self, url, dest):
        def hook(blocks, size, total):
            self.progress.put_nowait(blocks * size)  # error: LS201

        def safe_hook(blocks, size, total):
            self.loop.call_soon_threadsafe(self.progress.put_nowait, blocks * size)

        def on_loop():
            self.progress.put_nowait(0)

        urllib.request.urlretrieve(url, dest, reporthook=hook)
        urllib.request.urlretrieve(url, dest, reporthook=safe_hook)
        self.loop.call_soon_threadsafe(on_loop)


class VendorSDK:
    """Calls its callbacks from its own thread."""

    def __init__(self):
        self.callbacks = []

    def on_event(self, callback):
        self.callbacks.append(callback)

    def start(self):
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self):
        for callback in self.callbacks:
            callback({"n": 1})


class Listener:
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.first = loop.create_future()

    def handle(self, event):
        self.first.set_result(event)  # error: LS201

    def handle_safely(self, event):
        self.loop.call_soon_threadsafe(self.first.set_result, event)


async def wire_up(sdk: VendorSDK):
    listener = Listener(asyncio.get_running_loop())
    sdk.on_event(listener.handle)
    sdk.on_event(callback=listener.handle_safely)
    sdk.start()
    return await listener.first


async def download(url):
    await asyncio.to_thread(Download(asyncio.get_running_loop()).fetch, url, "/tmp/page")

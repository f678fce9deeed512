"""Bridge paho-mqtt (callbacks on its network thread) into an asyncio application."""
from __future__ import annotations

import asyncio
import json
import logging

import paho.mqtt.client as mqtt

log = logging.getLogger(__name__)


class MqttBridge:
    def __init__(self, host: str, topic: str) -> None:
        self.host = host
        self.topic = topic
        self.loop: asyncio.AbstractEventLoop | None = None
        self.messages: asyncio.Queue[dict] = asyncio.Queue()
        self.connected: asyncio.Future[None] | None = None
        self.client = mqtt.Client()
        self.client.on_connect = self._on_connect
        self.client.on_message = self._on_message

    # paho calls these from its own network thread (client.loop_start()).
    def _on_connect(self, client, userdata, flags, rc) -> None:
        client.subscribe(self.topic)
        self.loop.call_soon_threadsafe(self.connected.set_result, None)

    def _on_message(self, client, userdata, msg) -> None:
        payload = json.loads(msg.payload)
        self.loop.call_soon_threadsafe(self.messages.put_nowait, payload)

    async def start(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.connected = self.loop.create_future()
        self.client.connect_async(self.host)
        self.client.loop_start()
        await asyncio.wait_for(self.connected, timeout=10)

    async def stream(self):
        while True:
            yield await self.messages.get()

    async def stop(self) -> None:
        self.client.loop_stop()
        self.client.disconnect()


async def handle(payload: dict) -> None:
    log.info("got %s", payload)


async def main() -> None:
    bridge = MqttBridge("localhost", "sensors/#")
    await bridge.start()
    try:
        async for payload in bridge.stream():
            await handle(payload)
    finally:
        await bridge.stop()


if __name__ == "__main__":
    asyncio.run(main())

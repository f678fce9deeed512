"""Callbacks assigned to a library object's attributes run in that library's thread
(paho-mqtt's network thread after `loop_start()`)."""
import asyncio

import paho.mqtt.client as mqtt


class Bridge:
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.connected = asyncio.Event()
        self.readings: asyncio.Queue = asyncio.Queue()
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
        self.client.on_connect = self._on_connect
        self.client.on_message = self._on_message
        self.client.on_disconnect = self._on_disconnect
        self.on_message = self._not_a_callback_slot

    def _on_connect(self, client, userdata, flags, reason_code, properties) -> None:
        self.loop.call_soon_threadsafe(self.connected.set)

    def _on_message(self, client, userdata, msg) -> None:
        self.readings.put_nowait(msg.payload)  # error: LS201

    def _on_disconnect(self, client, userdata, flags, reason_code, properties) -> None:
        self.connected.clear()  # error: LS206

    def _not_a_callback_slot(self) -> None:
        self.readings.put_nowait(b"")

    def start(self) -> None:
        self.client.connect_async("broker")
        self.client.loop_start()


def on_status(client, userdata, msg) -> None:
    asyncio.get_event_loop().create_task(asyncio.sleep(0))  # error: LS201, LS202


async def watch() -> None:
    client = mqtt.Client()
    client.on_message = on_status
    client.on_log = lambda client, userdata, level, text: print(text)
    client.loop_start()

"""paho-mqtt: connecting and running the network loop in the calling thread wait on the
broker; `publish` and `subscribe` only queue (`loop_start` runs the loop in its own thread)."""

from ..model import Kind, entries

_MQTT = "aiomqtt, or `client.loop_start()` and `asyncio.to_thread(client.connect, ...)`"
_CLIENT = "paho.mqtt.client.Client"

BLOCKING_APIS = entries(Kind.NETWORK, _MQTT, [
    f"{_CLIENT}.connect", f"{_CLIENT}.reconnect", f"{_CLIENT}.loop_forever", f"{_CLIENT}.loop",
    "paho.mqtt.client.MQTTMessageInfo.wait_for_publish",
    "paho.mqtt.publish.single", "paho.mqtt.publish.multiple", "paho.mqtt.subscribe.simple",
    "paho.mqtt.subscribe.callback",
], patchable=False)
RETURNS = {f"{_CLIENT}.publish": "paho.mqtt.client.MQTTMessageInfo"}

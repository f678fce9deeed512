"""pyserial (`serial`): opening a port, and reading or writing it, wait for the device."""

from ..model import BlocksWhenGiven, Kind, entries

_SERIAL = "pyserial-asyncio (`serial_asyncio.open_serial_connection`), or `asyncio.to_thread`"

BLOCKING_APIS = entries(Kind.NETWORK, _SERIAL, [
    *(f"serial.Serial.{m}" for m in ("open", "read", "read_until", "readline", "readlines", "read_all",
                                     "write", "flush", "__iter__")),
    "serial.serial_for_url",
], patchable=False) + entries(
    # without a port, nothing is opened yet
    Kind.NETWORK, _SERIAL, ["serial.Serial"], BlocksWhenGiven("port", 0, ("None",)), patchable=False)
RETURNS = {"serial.serial_for_url": "serial.Serial"}
ALIASES = {"serial.serialposix.Serial": "serial.Serial", "serial.serialwin32.Serial": "serial.Serial",
           "serial.serialutil.SerialBase": "serial.Serial"}

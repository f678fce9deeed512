"""psutil: the CPU percentages sleep for their sampling `interval` when given one; without it
they compare with the previous call and return at once."""

from ..model import BlocksWhenGiven, Kind, entries

_PSUTIL = "`interval=None` (compares with the previous call), or `await asyncio.to_thread(...)`"

BLOCKING_APIS = entries(Kind.SLEEP, _PSUTIL, [
    "psutil.cpu_percent", "psutil.cpu_times_percent", "psutil.Process.cpu_percent",
], BlocksWhenGiven("interval", 0, ("None", "0", "0.0")), patchable=False)

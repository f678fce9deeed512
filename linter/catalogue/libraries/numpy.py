"""numpy: its loaders and savers read and write whole files (an in-memory buffer waits for nothing)."""

from ..model import Kind, entries, in_memory

_FILE = "`await asyncio.to_thread(...)` (the call reads or writes a whole file)"

BLOCKING_APIS = entries(Kind.FILE, _FILE, [
    "numpy.load", "numpy.save", "numpy.savez", "numpy.savez_compressed", "numpy.loadtxt", "numpy.savetxt",
    "numpy.genfromtxt", "numpy.fromfile",
], in_memory("file", 0), in_memory("fname", 0), patchable=False) + entries(
    Kind.FILE, _FILE, ["numpy.ndarray.tofile"], in_memory("fid", 0), patchable=False)

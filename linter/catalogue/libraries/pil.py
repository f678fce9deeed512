"""Pillow (PIL): opening and saving an image reads and writes its file; an in-memory buffer
waits for nothing."""

from ..model import Kind, entries, in_memory

_FILE = "`await asyncio.to_thread(...)` (the call reads or writes a whole file)"

BLOCKING_APIS = entries(Kind.FILE, _FILE, ["PIL.Image.open", "PIL.Image.Image.save"], in_memory("fp", 0),
                        patchable=False)
RETURNS = {
    "PIL.Image.open": "PIL.Image.Image",
    "PIL.Image.new": "PIL.Image.Image",
    **{f"PIL.Image.Image.{m}": "PIL.Image.Image" for m in (
        "convert", "resize", "rotate", "crop", "copy", "transpose", "filter", "quantize")},
}
BASES = {"PIL.ImageFile.ImageFile": ("PIL.Image.Image",)}

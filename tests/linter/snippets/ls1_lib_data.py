import io

import numpy as np
import pandas as pd
import psutil
from PIL import Image


async def thumbnail(path: str, upload: bytes) -> bytes:
    image = Image.open(path)  # error: LS104
    image.thumbnail((128, 128))
    image.save("/tmp/thumb.png")  # error: LS104
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    in_memory = Image.open(io.BytesIO(upload))
    return buffer.getvalue(), in_memory


async def report(path: str, text: str):
    frame = pd.read_csv(path)  # error: LS104
    parsed = pd.read_csv(io.StringIO(text))
    frame.to_parquet("/tmp/out.parquet")  # error: LS104
    frame.to_csv("/tmp/out.csv", index=False)  # error: LS104
    as_text = frame.to_csv(index=False)
    table = pd.DataFrame({"a": [1]})
    table.to_json(path_or_buf="/tmp/out.json")  # error: LS104
    matrix = np.load("/tmp/m.npy")  # error: LS104
    np.savetxt("/tmp/m.txt", matrix)  # error: LS104
    np.save(io.BytesIO(), matrix)
    return parsed, as_text


async def stats():
    busy = psutil.cpu_percent(interval=1)  # error: LS101
    sampled = psutil.cpu_percent(0.5)  # error: LS101
    cached = psutil.cpu_percent()
    quick = psutil.cpu_percent(interval=None)
    proc = psutil.Process()
    mine = proc.cpu_percent(interval=0.1)  # error: LS101
    return busy, sampled, cached, quick, mine, proc.cpu_percent()

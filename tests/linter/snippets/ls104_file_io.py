import io
import shutil
from pathlib import Path

import anyio


async def read_all(path: Path, other):
    with open(path) as f:  # error: LS104
        text = f.read()  # error: LS104
    io.open(other).close()  # error: LS104
    path.read_text()  # error: LS104
    (Path("a") / "b").write_bytes(b"x")  # error: LS104
    Path(other).open("rb")  # error: LS104
    shutil.rmtree(other)  # error: LS104
    await anyio.Path(other).read_text()
    path.exists()
    return text


def load(path):
    with open(path) as f:
        return f.read()


async def handed(path):
    return await anyio.to_thread.run_sync(load, path)


async def count_lines(path):
    n = 0
    with open(path) as f:  # error: LS104
        for _ in f:  # error: LS104
            n += 1
    return n

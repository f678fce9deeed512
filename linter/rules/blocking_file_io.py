"""# LS104 blocking-file-io

## What it does
Checks for file I/O in a coroutine: `open()`/`io.open()`, reads and writes on file objects (`with open(p) as f: f.read()`), `pathlib.Path` `open`/`read_*`/`write_*`, `shutil` copies, moves and deletions, the `os` calls that change or list directories (`os.remove`, `os.rename`, `os.makedirs`, `os.listdir`, `os.scandir`, `os.walk`...), compressed files and archives (`gzip`, `bz2`, `lzma`, `zipfile`, `tarfile`), `shelve`/`dbm`, `json`/`pickle` `dump`/`load` on a file, and the loaders and savers of Pillow, numpy and pandas. In-memory buffers (`io.BytesIO`, `io.StringIO`) are not files: `json.dump(data, io.StringIO())` is not reported.

## Why is this bad?
Disk I/O can take milliseconds to seconds (network file systems, a busy disk, large files). The event loop cannot serve anything else while the thread waits for the kernel.

## Example
```python
async def load(path):
    with open(path) as f:
        return f.read()
```

## Use instead
```python
import anyio

async def load(path):
    return await anyio.Path(path).read_text()
```
"""

from ..catalogue import Kind
from ._blocking import BlockingRule


class BlockingFileIo(BlockingRule):
    code = "LS104"
    name = "blocking-file-io"
    summary = "blocking file I/O on the event loop"
    kind = Kind.FILE


RULE = BlockingFileIo()

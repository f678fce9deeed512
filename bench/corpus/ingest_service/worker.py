"""The ingest worker: reads batches in threads, reports on the loop."""
from __future__ import annotations

import asyncio
import json
import threading
from pathlib import Path

from . import notify
from .config import batch_size, parse, read_config


def load_batch(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line]


def ingest_file(path: Path) -> None:
    """Thread body: heavy parsing off the loop, then tell the loop."""
    rows = load_batch(path)
    if rows:
        notify.batch_done(path.name)
    else:
        notify.schedule_retry(path.name)


def ingest_file_quick(path: Path) -> None:
    load_batch(path)
    notify.batch_done_unsafe(path.name)


class Ingestor:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.done: asyncio.Queue[str] = asyncio.Queue()
        self.cfg = parse("")

    async def reload(self) -> None:
        self.cfg = read_config()  # expect: LS1

    async def reload_offloaded(self) -> None:
        self.cfg = await asyncio.to_thread(read_config)

    async def run(self) -> list[str]:
        notify.bind(asyncio.get_running_loop(), self.done)
        files = sorted(self.folder.glob("*.jsonl"))[: batch_size(self.cfg)]
        threads = [threading.Thread(target=ingest_file, args=(f,)) for f in files]
        threads += [threading.Thread(target=ingest_file_quick, args=(f,)) for f in files[:1]]
        for t in threads:
            t.start()
        names = [await self.done.get() for _ in threads]
        await asyncio.gather(*(asyncio.to_thread(t.join) for t in threads))
        return names


if __name__ == "__main__":
    print(asyncio.run(Ingestor(Path("incoming")).run()))

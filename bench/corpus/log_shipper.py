"""Ships log files to a collector; a thread tails files, processes compress them."""
import asyncio
import gzip
import multiprocessing
import queue
import threading
import time
from pathlib import Path

import aiohttp

COLLECTOR = "https://logs.example.org/ingest"


def compress_file(path: str) -> bytes:
    return gzip.compress(Path(path).read_bytes())


def tail(folder: Path, out: queue.Queue, stop: threading.Event) -> None:
    seen = set()
    while not stop.is_set():
        for p in folder.glob("*.log"):
            if p not in seen:
                seen.add(p)
                out.put(str(p))
        time.sleep(1)


async def ship(folder: Path) -> None:
    found: queue.Queue = queue.Queue()
    stop = threading.Event()
    threading.Thread(target=tail, args=(folder, found, stop), daemon=True).start()
    loop = asyncio.get_running_loop()
    ctx = multiprocessing.get_context("spawn")
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:  # expect: LS1
        async with aiohttp.ClientSession() as session:
            for _ in range(10):
                path = await loop.run_in_executor(None, found.get)
                blob = await loop.run_in_executor(pool, compress_file, path)
                async with session.post(COLLECTOR, data=blob) as resp:
                    resp.raise_for_status()
    stop.set()


if __name__ == "__main__":
    multiprocessing.set_start_method("fork", force=True)  # expect: LS3
    asyncio.run(ship(Path("/var/log/app")))

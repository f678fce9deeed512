"""A data pipeline: download with asyncio, parse in a process pool, write with threads."""
from __future__ import annotations

import asyncio
import concurrent.futures
import csv
import hashlib
import io
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from pathlib import Path

import aiohttp

OUT = Path("out")


def parse_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def checksum(rows: list[dict]) -> str:
    digest = hashlib.sha256()
    for row in rows:
        digest.update(repr(sorted(row.items())).encode())
    return digest.hexdigest()


def write_rows(path: Path, rows: list[dict]) -> None:
    if not rows:
        return
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


async def download(session: aiohttp.ClientSession, url: str) -> str:
    async with session.get(url) as resp:
        resp.raise_for_status()
        return await resp.text()


async def run(urls: list[str]) -> dict[str, str]:
    loop = asyncio.get_running_loop()
    sums: dict[str, str] = {}
    with ProcessPoolExecutor(max_workers=2) as procs, ThreadPoolExecutor(max_workers=4) as threads:  # expect: LS1
        async with aiohttp.ClientSession() as session:
            texts = await asyncio.gather(*(download(session, u) for u in urls))
        parsed = await asyncio.gather(*(loop.run_in_executor(procs, parse_csv, t) for t in texts))
        for url, rows in zip(urls, parsed):
            name = url.rsplit("/", 1)[-1]
            await loop.run_in_executor(threads, write_rows, OUT / name, rows)
            sums[url] = await asyncio.wrap_future(procs.submit(checksum, rows))
    return sums


async def run_blocking_waits(urls: list[str]) -> dict[str, str]:
    """The first version of run(): correct results, but it stalls the loop while it waits."""
    sums: dict[str, str] = {}
    procs = ProcessPoolExecutor(max_workers=2)
    async with aiohttp.ClientSession() as session:
        texts = await asyncio.gather(*(download(session, u) for u in urls))
    futures = {procs.submit(parse_csv, t): u for t, u in zip(texts, urls)}
    for fut in as_completed(futures):  # expect: LS1
        rows = fut.result()  # expect: LS1
        sums[futures[fut]] = checksum(rows)
    pending = [procs.submit(checksum, []) for _ in urls]
    concurrent.futures.wait(pending, timeout=30)  # expect: LS1
    procs.shutdown(wait=True)  # expect: LS1
    return sums


async def run_shutdown_offloaded(urls: list[str]) -> None:
    procs = ProcessPoolExecutor(max_workers=2)
    try:
        futs = [asyncio.wrap_future(procs.submit(parse_csv, u)) for u in urls]
        await asyncio.gather(*futs)
    finally:
        await asyncio.to_thread(procs.shutdown, wait=True)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    urls = [f"https://data.example.org/part-{i}.csv" for i in range(8)]
    print(asyncio.run(run(urls)))


if __name__ == "__main__":
    main()

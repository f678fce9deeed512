"""A nightly backup script: entirely synchronous, so every blocking call here is fine."""
from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import requests


def dump_database(db: Path, dest: Path) -> Path:
    target = dest / f"{db.stem}-{time.strftime('%Y%m%d')}.sqlite"
    src = sqlite3.connect(db)
    dst = sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    return target


def compress(path: Path) -> Path:
    subprocess.run(["gzip", "-f", str(path)], check=True)
    return path.with_suffix(path.suffix + ".gz")


def upload(path: Path, url: str, token: str) -> None:
    for attempt in range(3):
        with path.open("rb") as fh:
            resp = requests.put(url, data=fh, headers={"Authorization": token}, timeout=60)
        if resp.ok:
            return
        time.sleep(2**attempt)
    resp.raise_for_status()


def rotate(dest: Path, keep: int) -> None:
    backups = sorted(dest.glob("*.gz"))
    for old in backups[:-keep]:
        old.unlink()
    shutil.rmtree(dest / "tmp", ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--url")
    parser.add_argument("--keep", type=int, default=7)
    args = parser.parse_args(argv)
    args.dest.mkdir(parents=True, exist_ok=True)
    archive = compress(dump_database(args.db, args.dest))
    if args.url:
        token = input("token: ") if sys.stdin.isatty() else sys.stdin.readline().strip()
        upload(archive, args.url, token)
    rotate(args.dest, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())

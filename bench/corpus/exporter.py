"""Export endpoints of a reporting service: CSV, JSON and zipped bundles."""
from __future__ import annotations

import asyncio
import csv
import io
import json
import shutil
from pathlib import Path

import aiofiles
import anyio

EXPORT_DIR = Path("/srv/exports")
TEMPLATES = Path("/srv/templates")


async def export_json(name: str, rows: list[dict]) -> Path:
    path = EXPORT_DIR / f"{name}.json"
    path.write_text(json.dumps(rows))  # expect: LS1
    return path


async def export_json_async(name: str, rows: list[dict]) -> Path:
    path = EXPORT_DIR / f"{name}.json"
    await anyio.Path(path).write_text(json.dumps(rows))
    return path


async def export_csv(name: str, rows: list[dict]) -> Path:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=sorted(rows[0]) if rows else [])
    writer.writeheader()
    writer.writerows(rows)
    path = EXPORT_DIR / f"{name}.csv"
    async with aiofiles.open(path, "w") as fh:
        await fh.write(buf.getvalue())
    return path


async def export_csv_blocking(name: str, rows: list[dict]) -> Path:
    path = EXPORT_DIR / f"{name}.csv"
    with io.open(path, "w", newline="") as fh:  # expect: LS1
        writer = csv.DictWriter(fh, fieldnames=sorted(rows[0]) if rows else [])
        writer.writeheader()
        writer.writerows(rows)
    return path


async def copy_template(name: str) -> Path:
    dest = EXPORT_DIR / name
    shutil.copytree(TEMPLATES / "bundle", dest)  # expect: LS1
    shutil.copyfile(TEMPLATES / "README.txt", dest / "README.txt")  # expect: LS1
    return dest


async def copy_template_offloaded(name: str) -> Path:
    dest = EXPORT_DIR / name
    await asyncio.to_thread(shutil.copytree, TEMPLATES / "bundle", dest)
    return dest


async def bundle(name: str) -> Path:
    archive = await asyncio.to_thread(shutil.make_archive, str(EXPORT_DIR / name), "zip", EXPORT_DIR / name)
    return Path(archive)


async def read_header(name: str) -> str:
    with (EXPORT_DIR / f"{name}.csv").open() as fh:  # expect: LS1
        return fh.readline()  # expect: LS1


def buffer_size(rows: list[dict]) -> int:
    return len(json.dumps(rows).encode())

"""Starlette file endpoints: downloads, uploads and thumbnails."""
from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import anyio
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

MEDIA = Path("/srv/media")
ARCHIVE = Path("/srv/archive")


async def download(request: Request) -> Response:
    name = request.path_params["name"]
    return FileResponse(MEDIA / name)


async def raw(request: Request) -> Response:
    name = request.path_params["name"]
    data = (MEDIA / name).read_bytes()  # expect: LS1
    return Response(data, media_type="application/octet-stream")


async def raw_async(request: Request) -> Response:
    name = request.path_params["name"]
    data = await anyio.Path(MEDIA / name).read_bytes()
    return Response(data, media_type="application/octet-stream")


async def upload(request: Request) -> Response:
    form = await request.form()
    upload_file = form["file"]
    target = MEDIA / upload_file.filename
    body = await upload_file.read()
    target.write_bytes(body)  # expect: LS1
    return JSONResponse({"size": len(body)})


async def upload_offloaded(request: Request) -> Response:
    form = await request.form()
    upload_file = form["file"]
    body = await upload_file.read()
    target = MEDIA / upload_file.filename
    await asyncio.to_thread(target.write_bytes, body)
    return JSONResponse({"size": len(body)})


async def archive(request: Request) -> Response:
    name = request.path_params["name"]
    shutil.move(str(MEDIA / name), str(ARCHIVE / name))  # expect: LS1
    return JSONResponse({"archived": name})


async def archive_offloaded(request: Request) -> Response:
    name = request.path_params["name"]
    await anyio.to_thread.run_sync(shutil.move, str(MEDIA / name), str(ARCHIVE / name))
    return JSONResponse({"archived": name})


async def metadata(request: Request) -> Response:
    name = request.path_params["name"]
    with open(MEDIA / f"{name}.json", encoding="utf-8") as fh:  # expect: LS1
        text = fh.read()  # expect: LS1
    return Response(text, media_type="application/json")


async def metadata_async(request: Request) -> Response:
    name = request.path_params["name"]
    async with await anyio.open_file(MEDIA / f"{name}.json", encoding="utf-8") as fh:
        text = await fh.read()
    return Response(text, media_type="application/json")


def _purge_sync(folder: Path) -> int:
    count = sum(1 for _ in folder.iterdir())
    shutil.rmtree(folder)
    return count


async def purge(request: Request) -> Response:
    count = await asyncio.to_thread(_purge_sync, ARCHIVE)
    return JSONResponse({"removed": count})


async def purge_inline(request: Request) -> Response:
    count = _purge_sync(ARCHIVE)  # expect: LS1
    return JSONResponse({"removed": count})


app = Starlette(
    routes=[
        Route("/media/{name}", download),
        Route("/raw/{name}", raw),
        Route("/raw2/{name}", raw_async),
        Route("/upload", upload, methods=["POST"]),
        Route("/upload2", upload_offloaded, methods=["POST"]),
        Route("/archive/{name}", archive, methods=["POST"]),
        Route("/archive2/{name}", archive_offloaded, methods=["POST"]),
        Route("/meta/{name}", metadata),
        Route("/meta2/{name}", metadata_async),
        Route("/purge", purge, methods=["POST"]),
        Route("/purge-now", purge_inline, methods=["POST"]),
    ]
)

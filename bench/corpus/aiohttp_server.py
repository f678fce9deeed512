"""An aiohttp ops server: runs maintenance commands and reports their output."""
from __future__ import annotations

import asyncio
import os
import shlex
import subprocess

from aiohttp import web

ALLOWED = {"uptime", "df", "git-pull"}
COMMANDS = {
    "uptime": ["uptime"],
    "df": ["df", "-h"],
    "git-pull": ["git", "-C", "/srv/app", "pull", "--ff-only"],
}

routes = web.RouteTableDef()


@routes.get("/run/{name}")
async def run_command(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    if name not in ALLOWED:
        raise web.HTTPNotFound()
    done = subprocess.run(COMMANDS[name], capture_output=True, text=True, timeout=30)  # expect: LS1
    return web.json_response({"code": done.returncode, "out": done.stdout})


@routes.get("/run-async/{name}")
async def run_command_async(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    if name not in ALLOWED:
        raise web.HTTPNotFound()
    proc = await asyncio.create_subprocess_exec(
        *COMMANDS[name], stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    out, _ = await asyncio.wait_for(proc.communicate(), timeout=30)
    return web.json_response({"code": proc.returncode, "out": out.decode()})


@routes.post("/restart")
async def restart(request: web.Request) -> web.Response:
    status = os.system("systemctl restart app.service")  # expect: LS1
    return web.json_response({"status": status})


@routes.get("/version")
async def version(request: web.Request) -> web.Response:
    out = subprocess.check_output(["git", "-C", "/srv/app", "rev-parse", "HEAD"])  # expect: LS1
    return web.Response(text=out.decode().strip())


@routes.get("/logs")
async def logs(request: web.Request) -> web.Response:
    lines = int(request.query.get("n", "100"))
    proc = subprocess.Popen(["journalctl", "-n", str(lines)], stdout=subprocess.PIPE)
    out, _ = proc.communicate()  # expect: LS1
    return web.Response(text=out.decode())


@routes.get("/logs-offloaded")
async def logs_offloaded(request: web.Request) -> web.Response:
    cmd = shlex.split(f"journalctl -n {int(request.query.get('n', '100'))}")
    done = await asyncio.to_thread(subprocess.run, cmd, capture_output=True, text=True)
    return web.Response(text=done.stdout)


async def on_startup(app: web.Application) -> None:
    app["hostname"] = os.uname().nodename


def make_app() -> web.Application:
    app = web.Application()
    app.add_routes(routes)
    app.on_startup.append(on_startup)
    return app


if __name__ == "__main__":
    web.run_app(make_app(), port=8081)

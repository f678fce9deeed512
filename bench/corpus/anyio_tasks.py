"""An anyio-based sync job: task groups, worker threads and calls back into the loop."""
from __future__ import annotations

import subprocess
import time
from pathlib import Path

import anyio
import anyio.from_thread
import anyio.to_thread


def git_log(repo: Path) -> str:
    return subprocess.run(["git", "-C", str(repo), "log", "-1"], capture_output=True, text=True).stdout


def notify_from_thread(send_stream, text: str) -> None:
    anyio.from_thread.run(send_stream.send, text)


def walk_and_report(repo: Path, send_stream) -> None:
    for path in repo.rglob("*.py"):
        time.sleep(0.001)
        notify_from_thread(send_stream, str(path))


async def inspect_repo(repo: Path, send_stream) -> None:
    log = await anyio.to_thread.run_sync(git_log, repo)
    await send_stream.send(log.splitlines()[0] if log else "empty")
    await anyio.to_thread.run_sync(walk_and_report, repo, send_stream)


async def inspect_repo_inline(repo: Path, send_stream) -> None:
    log = git_log(repo)  # expect: LS1
    await send_stream.send(log.splitlines()[0] if log else "empty")


async def throttle() -> None:
    time.sleep(0.2)  # expect: LS1
    await anyio.sleep(0.2)


async def main(repos: list[Path]) -> None:
    send, receive = anyio.create_memory_object_stream[str](100)
    async with anyio.create_task_group() as tg:
        for repo in repos:
            tg.start_soon(inspect_repo, repo, send.clone())
        send.close()
        async with receive:
            async for line in receive:
                print(line)


if __name__ == "__main__":
    anyio.run(main, [Path(".")])

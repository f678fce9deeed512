"""A build orchestrator that runs compiler steps concurrently."""
from __future__ import annotations

import asyncio
import os
import subprocess
from dataclasses import dataclass


@dataclass
class Step:
    name: str
    cmd: list[str]


async def run_step(step: Step) -> int:
    proc = await asyncio.create_subprocess_exec(*step.cmd)
    return await proc.wait()


async def run_step_legacy(step: Step) -> int:
    return subprocess.call(step.cmd)  # expect: LS1


async def compiler_version() -> str:
    return subprocess.getoutput("cc --version").splitlines()[0]  # expect: LS1


async def compiler_version_async() -> str:
    proc = await asyncio.create_subprocess_shell("cc --version", stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    return out.decode().splitlines()[0]


async def make_clean() -> None:
    proc = subprocess.Popen(["make", "clean"])
    proc.wait()  # expect: LS1


async def make_clean_background() -> subprocess.Popen:
    proc = subprocess.Popen(["make", "clean"])
    return proc


async def reap_children() -> None:
    pid, status = os.waitpid(-1, 0)  # expect: LS1
    print(pid, status)


async def git_sha() -> str:
    return os.popen("git rev-parse HEAD").read().strip()  # expect: LS1


async def main(steps: list[Step]) -> None:
    codes = await asyncio.gather(*(run_step(s) for s in steps))
    for step, code in zip(steps, codes):
        print(f"{step.name}: {'ok' if code == 0 else code}")
    await asyncio.to_thread(subprocess.check_call, ["make", "install"])


if __name__ == "__main__":
    asyncio.run(main([Step("lib", ["make", "-C", "lib"]), Step("app", ["make", "-C", "app"])]))

"""Render frames on all cores, driven by an async job API (script entry point)."""
import asyncio
import os
from concurrent.futures import ProcessPoolExecutor


def render(frame: int) -> str:
    return f"frame-{frame:04d}.png"


class Scene:
    def __init__(self, name: str) -> None:
        self.name = name

    def render_frame(self, frame: int) -> str:
        return f"{self.name}-{frame:04d}.png"


async def render_all(frames: range) -> list:
    loop = asyncio.get_running_loop()
    scene = Scene("intro")
    with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:  # expect: LS1
        plain = await asyncio.gather(*(loop.run_in_executor(pool, render, f) for f in frames))
        named = await asyncio.gather(*(loop.run_in_executor(pool, scene.render_frame, f) for f in frames))
        padded = await asyncio.gather(*(loop.run_in_executor(pool, lambda f=f: render(f + 1000)) for f in frames))  # expect: LS3
    return plain + named + padded


async def render_in_threads(frames: range) -> list:
    loop = asyncio.get_running_loop()
    return await asyncio.gather(*(loop.run_in_executor(None, lambda f=f: render(f)) for f in frames))


result = asyncio.run(render_all(range(10)))  # expect: LS3
print(len(result))

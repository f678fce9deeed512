"""Make thumbnails for a folder of images: asyncio for the I/O, processes for the pixels."""
import asyncio
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import Image

SIZE = (256, 256)


def make_thumbnail(src: str, dst: str) -> str:
    with Image.open(src) as im:
        im.thumbnail(SIZE)
        im.save(dst)
    return dst


async def main(folder: Path) -> None:
    loop = asyncio.get_running_loop()
    out = folder / "thumbs"
    out.mkdir(exist_ok=True)
    with ProcessPoolExecutor() as pool:  # expect: LS1
        jobs = [
            loop.run_in_executor(pool, make_thumbnail, str(p), str(out / p.name))
            for p in folder.glob("*.jpg")
        ]
        for done in asyncio.as_completed(jobs):
            print(await done)


asyncio.run(main(Path(sys.argv[1] if len(sys.argv) > 1 else ".")))  # expect: LS3

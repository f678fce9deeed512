"""Hash every file under a folder with a process pool (guarded, so it is safe under spawn)."""
import asyncio
import hashlib
import multiprocessing as mp
import sys
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path


def digest(path: str, algorithm: str = "sha256") -> tuple[str, str]:
    h = hashlib.new(algorithm)
    with open(path, "rb") as fh:
        for block in iter(partial(fh.read, 1 << 20), b""):
            h.update(block)
    return path, h.hexdigest()


class Hasher:
    def __init__(self, algorithm: str) -> None:
        self.algorithm = algorithm

    def __call__(self, path: str) -> tuple[str, str]:
        return digest(path, self.algorithm)


async def hash_tree(root: Path, algorithm: str) -> dict[str, str]:
    loop = asyncio.get_running_loop()
    files = [str(p) for p in root.rglob("*") if p.is_file()]
    with ProcessPoolExecutor(mp_context=mp.get_context("spawn")) as pool:  # expect: LS1
        pairs = await asyncio.gather(
            *(loop.run_in_executor(pool, partial(digest, algorithm=algorithm), f) for f in files)
        )
        more = await asyncio.gather(*(loop.run_in_executor(pool, Hasher(algorithm), f) for f in files[:3]))
    return dict(pairs + more)


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    for path, value in sorted(asyncio.run(hash_tree(root, "sha256")).items()):
        print(value, path)


if __name__ == "__main__":
    mp.set_start_method("spawn")
    main()

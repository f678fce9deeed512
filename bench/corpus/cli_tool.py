"""`deploy`: an interactive CLI that talks to a deployment API."""
from __future__ import annotations

import argparse
import asyncio
import getpass
import sys

import httpx


async def confirm(prompt: str) -> bool:
    answer = input(f"{prompt} [y/N] ")  # expect: LS1
    return answer.strip().lower() == "y"


async def confirm_offloaded(prompt: str) -> bool:
    answer = await asyncio.to_thread(input, f"{prompt} [y/N] ")
    return answer.strip().lower() == "y"


async def read_token() -> str:
    return getpass.getpass("API token: ")  # expect: LS1


async def read_targets_from_stdin() -> list[str]:
    targets = []
    for line in sys.stdin:  # expect: LS1
        if line.strip():
            targets.append(line.strip())
    return targets


async def read_one_line() -> str:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, sys.stdin.readline)


async def read_one_line_blocking() -> str:
    return sys.stdin.readline()  # expect: LS1


async def deploy(api: str, token: str, targets: list[str], yes: bool) -> int:
    if not yes and not await confirm_offloaded(f"Deploy to {len(targets)} targets?"):
        return 1
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=api, headers=headers) as client:
        results = await asyncio.gather(*(client.post("/deploy", json={"target": t}) for t in targets))
    failed = [t for t, r in zip(targets, results) if r.status_code >= 400]
    for target in failed:
        print(f"failed: {target}", file=sys.stderr)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="deploy")
    parser.add_argument("targets", nargs="*")
    parser.add_argument("--api", default="https://deploy.internal")
    parser.add_argument("-y", "--yes", action="store_true")
    args = parser.parse_args(argv)
    token = getpass.getpass("API token: ")
    targets = args.targets or [line.strip() for line in sys.stdin if line.strip()]
    return asyncio.run(deploy(args.api, token, targets, args.yes))


if __name__ == "__main__":
    sys.exit(main())

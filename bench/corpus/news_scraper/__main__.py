from __future__ import annotations

import asyncio
import sys

from .fetch import Scraper
from .storage import Store


def main() -> None:
    urls = [line.strip() for line in sys.stdin if line.strip()]
    saved = asyncio.run(Scraper(Store()).all(urls))
    print(f"saved {len(saved)} articles")


if __name__ == "__main__":
    main()

"""Where scraped articles go: a folder of JSON files and an index in sqlite."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

ROOT = Path("articles")


class Store:
    def __init__(self, root: Path = ROOT) -> None:
        self.root = root
        self.index = sqlite3.connect(str(root / "index.db"), check_same_thread=False)

    def save(self, slug: str, article: dict) -> Path:
        path = self.root / f"{slug}.json"
        path.write_text(json.dumps(article, ensure_ascii=False))
        self._index(slug, article["title"])
        return path

    def _index(self, slug: str, title: str) -> None:
        self.index.execute("INSERT OR REPLACE INTO articles VALUES (?, ?)", (slug, title))
        self.index.commit()

    def known(self, slug: str) -> bool:
        row = self.index.execute("SELECT 1 FROM articles WHERE slug = ?", (slug,)).fetchone()
        return row is not None


def slugify(title: str) -> str:
    return "-".join("".join(c for c in word if c.isalnum()) for word in title.lower().split())

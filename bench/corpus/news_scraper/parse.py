"""HTML to article dicts; pure functions, safe to call anywhere."""
from __future__ import annotations

import re
from html import unescape

TITLE = re.compile(r"<title>(.*?)</title>", re.S | re.I)
PARA = re.compile(r"<p[^>]*>(.*?)</p>", re.S | re.I)
TAG = re.compile(r"<[^>]+>")


def article(html: str) -> dict:
    match = TITLE.search(html)
    title = unescape(match.group(1).strip()) if match else "untitled"
    body = "\n\n".join(unescape(TAG.sub("", p)).strip() for p in PARA.findall(html))
    return {"title": title, "body": body, "words": len(body.split())}

"""mkdocs hook: links from a page to files outside docs/ (``../../examples/good/p01.py``)
work on GitHub, which shows the Markdown in the repository, but not on the site, which
holds only docs/. They are rewritten to the file on the repository (``repo_url``), and a
link to a file that does not exist is a warning, which fails the strict build."""

from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.loopsafe")
_LINK = re.compile(r"(\]\()(?P<target>[^)\s#]+)(?P<anchor>#[^)\s]*)?(\))")


def on_page_markdown(markdown, page, config, files):
    docs = Path(config["docs_dir"]).resolve()
    repo = docs.parent
    base = config["repo_url"].rstrip("/") + "/blob/main/"
    folder = (docs / page.file.src_uri).parent

    def outward(match: re.Match) -> str:
        target = match["target"]
        if "://" in target or target.startswith(("mailto:", "/")):
            return match[0]
        resolved = Path(posixpath.normpath((folder / target).as_posix()))
        if resolved == docs or docs in resolved.parents:
            return match[0]  # a page of the site: mkdocs checks it
        if not resolved.exists() or repo not in resolved.parents:
            log.warning("%s links to %s, which is not in the repository", page.file.src_uri, target)
            return match[0]
        url = base + resolved.relative_to(repo).as_posix()
        if resolved.is_dir():
            url = url.replace("/blob/", "/tree/", 1)
        return f"{match[1]}{url}{match['anchor'] or ''}{match[4]}"

    return _LINK.sub(outward, markdown)

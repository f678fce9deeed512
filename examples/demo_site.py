"""A local stand-in for the websites the crawler examples (pattern 12) download.

The material crawls example.com and friends; the examples must run without a
network, so they crawl a few pages served by an aiohttp test server bound to
127.0.0.1 on a free port.
"""

import contextlib

from aiohttp import web
from aiohttp.test_utils import TestServer

PAGES = {
    "/com": "<html><body>example.com</body></html>",
    "/org": "<html><body>example.org, a little longer</body></html>",
    "/net": "<html><body>example.net</body></html>",
}


def page_lengths():
    """What ``process_data`` (``len``) gives for each page, in ``PAGES`` order."""
    return [len(text) for text in PAGES.values()]


def _site():
    async def page(request):
        return web.Response(text=PAGES[request.path], content_type="text/html")

    app = web.Application()
    for path in PAGES:
        app.router.add_get(path, page)
    return app


@contextlib.asynccontextmanager
async def local_site():
    """Serve ``PAGES`` on 127.0.0.1; yields their URLs, in ``PAGES`` order."""
    async with TestServer(_site(), host="127.0.0.1", port=0) as server:
        yield [str(server.make_url(path)) for path in PAGES]

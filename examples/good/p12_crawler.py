"""Pattern 12: download pages with aiohttp, process them on a ``ProcessPoolExecutor``.

Downloads are I/O: they run concurrently on the event loop. Processing is CPU
work: each page goes to the process pool with its own ``run_in_executor`` call,
and the calls are gathered so they run in parallel. ``process_data`` is a
module-level function, so it can be pickled and sent to the worker processes
(a lambda or nested function cannot). The pool is made outside the event loop
and passed in.
"""

import asyncio
from concurrent.futures import ProcessPoolExecutor

import aiohttp

from examples.demo_site import local_site


async def fetch(session, url):
    async with session.get(url) as response:
        return await response.text()


def process_data(data):
    # stands in for CPU-heavy parsing
    return len(data)


async def crawl(urls, pool):
    async with aiohttp.ClientSession() as session:
        htmls = await asyncio.gather(*(fetch(session, url) for url in urls))
    loop = asyncio.get_running_loop()
    return await asyncio.gather(*(loop.run_in_executor(pool, process_data, html) for html in htmls))


async def crawl_local_site(pool):
    async with local_site() as urls:
        return await crawl(urls, pool)


def main():
    with ProcessPoolExecutor() as pool:
        results = asyncio.run(crawl_local_site(pool))
    print(f"Results: {results}")
    return results


if __name__ == "__main__":
    main()

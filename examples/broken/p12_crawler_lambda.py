"""Pattern 12, half fixed: a ``ProcessPoolExecutor`` now, but still a lambda.

The obvious first fix to the material's crawler swaps the ``multiprocessing.Pool``
for a ``ProcessPoolExecutor`` and keeps the lambda. Work sent to a process is
pickled, and a function is pickled by its importable name: a lambda has none,
so the call fails with a pickling error (``fetch`` and ``process_data`` are
the good version's). Pass the module-level
``process_data`` itself, one call per page (``good/p12_crawler.py``).
"""

import asyncio
from concurrent.futures import ProcessPoolExecutor

import aiohttp

from examples.demo_site import local_site
from examples.good.p12_crawler import fetch, process_data


async def main(urls):
    async with aiohttp.ClientSession() as session:
        htmls = await asyncio.gather(*(fetch(session, url) for url in urls))
    with ProcessPoolExecutor() as pool:  # error: LS108
        results = await asyncio.get_running_loop().run_in_executor(pool, lambda: list(map(process_data, htmls)))  # error: LS302
    print(f"Results: {results}")
    return results


async def crawl_local_site():
    async with local_site() as urls:
        return await main(urls)


if __name__ == "__main__":
    asyncio.run(crawl_local_site())

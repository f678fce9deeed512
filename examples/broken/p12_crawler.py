"""Pattern 12, broken: the crawler as printed, a ``multiprocessing.Pool`` and a lambda.

Two bugs on one line. The ``multiprocessing.Pool`` is not a
``concurrent.futures.Executor`` (no ``submit``: ``AttributeError``), and the
lambda could not be pickled for a process pool anyway (see
``p12_crawler_lambda.py``, the half-fixed version). Pages come from a local
test server instead of the material's three websites; ``fetch`` and
``process_data`` are the good version's, only ``main`` is the material's. Use a
``ProcessPoolExecutor`` and one ``run_in_executor`` per page, gathered
(``good/p12_crawler.py``).
"""

import asyncio
import multiprocessing

import aiohttp

from examples.demo_site import local_site
from examples.good.p12_crawler import fetch, process_data


async def main(urls):
    async with aiohttp.ClientSession() as session:
        tasks = [fetch(session, url) for url in urls]
        htmls = await asyncio.gather(*tasks)
    with multiprocessing.Pool() as pool:
        results = await asyncio.get_running_loop().run_in_executor(pool, lambda: pool.map(process_data, htmls))  # error: LS302, LS303
    print(f"Results: {results}")
    return results


async def crawl_local_site():
    async with local_site() as urls:
        return await main(urls)


if __name__ == "__main__":
    asyncio.run(crawl_local_site())

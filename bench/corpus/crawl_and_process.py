"""Download pages with aiohttp and analyse them in other processes (as first written)."""
import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import aiohttp


def word_count(html: str) -> int:
    return len(html.split())


async def fetch(session, url):
    async with session.get(url) as resp:
        return await resp.text()


async def analyse_with_pool(urls):
    async with aiohttp.ClientSession() as session:
        htmls = await asyncio.gather(*(fetch(session, u) for u in urls))
    loop = asyncio.get_running_loop()
    with multiprocessing.Pool() as pool:
        counts = await loop.run_in_executor(pool, lambda: pool.map(word_count, htmls))  # expect: LS3
    return counts


async def analyse_one_by_one(urls):
    loop = asyncio.get_running_loop()
    pool = multiprocessing.Pool(4)
    results = []
    async with aiohttp.ClientSession() as session:
        for url in urls:
            html = await fetch(session, url)
            results.append(await loop.run_in_executor(pool, word_count, html))  # expect: LS3
    pool.close()
    return results


async def analyse_fixed(urls):
    async with aiohttp.ClientSession() as session:
        htmls = await asyncio.gather(*(fetch(session, u) for u in urls))
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor() as pool:  # expect: LS1
        return await asyncio.gather(*(loop.run_in_executor(pool, word_count, h) for h in htmls))


async def analyse_apply_async(urls):
    """multiprocessing.Pool used through its own async API, bridged with a future."""
    loop = asyncio.get_running_loop()
    async with aiohttp.ClientSession() as session:
        htmls = await asyncio.gather(*(fetch(session, u) for u in urls))
    done = loop.create_future()
    with multiprocessing.Pool(2) as pool:
        pool.map_async(
            word_count,
            htmls,
            callback=lambda r: loop.call_soon_threadsafe(done.set_result, r),
        )
        return await done


if __name__ == "__main__":
    pages = ["https://example.org", "https://example.com"]
    print(asyncio.run(analyse_fixed(pages)))

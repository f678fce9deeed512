"""Explore 4, broken: results assumed to come back in submission order.

Prices are fetched in worker threads and collected with ``as_completed``, which yields
them in the order they finish, then zipped with the symbols in the order they were
submitted. The first symbols are cached and answer fastest, so on a stock loop the
orders agree every time; when a worker is slow, prices land on the wrong symbols.
"""

import asyncio
import time

PRICES = {"ACME": 101.5, "GLOBEX": 12.25, "INITECH": 7.0}
LATENCY = {"ACME": 0.005, "GLOBEX": 0.1, "INITECH": 0.2}  # seconds


def fetch_price(symbol):  # a blocking client, run in worker threads
    time.sleep(LATENCY[symbol])
    return PRICES[symbol]


async def fetch_all(symbols):
    loop = asyncio.get_running_loop()
    futures = [loop.run_in_executor(None, fetch_price, symbol) for symbol in symbols]
    prices = [await next_done for next_done in asyncio.as_completed(futures)]
    return dict(zip(symbols, prices))


async def main():
    prices = await fetch_all(list(PRICES))
    assert prices == PRICES, f"prices on the wrong symbols: {prices}"
    return prices


if __name__ == "__main__":
    print(asyncio.run(main()))

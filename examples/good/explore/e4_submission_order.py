"""Explore 4, fixed: keep each result with its request.

``asyncio.gather`` returns the results in the order of its arguments, whatever order
the workers finish in.
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
    prices = await asyncio.gather(*(loop.run_in_executor(None, fetch_price, symbol)
                                    for symbol in symbols))
    return dict(zip(symbols, prices))


async def main():
    prices = await fetch_all(list(PRICES))
    assert prices == PRICES, f"prices on the wrong symbols: {prices}"
    return prices


if __name__ == "__main__":
    print(asyncio.run(main()))

"""Builds monthly reports; CPU-heavy steps go to a process pool."""
from __future__ import annotations

import asyncio
import functools
import statistics
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import Pool


def summarise(values: list[float]) -> dict:
    return {"mean": statistics.fmean(values), "p50": statistics.median(values)}


def scale(values: list[float], factor: float) -> list[float]:
    return [v * factor for v in values]


class Normaliser:
    def __init__(self, total: float) -> None:
        self.total = total

    def apply(self, values: list[float]) -> list[float]:
        return [v / self.total for v in values]


async def build(months: dict[str, list[float]]) -> dict:
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor() as pool:  # expect: LS1
        summaries = await asyncio.gather(*(loop.run_in_executor(pool, summarise, v) for v in months.values()))
        scaled = await loop.run_in_executor(pool, functools.partial(scale, factor=1.2), months["jan"])
        normalised = await loop.run_in_executor(pool, Normaliser(100.0).apply, months["feb"])
        rounded = await loop.run_in_executor(pool, lambda: [round(v, 2) for v in scaled])  # expect: LS3
    return {"summaries": summaries, "scaled": scaled, "normalised": normalised, "rounded": rounded}


async def build_with_nested(months: dict[str, list[float]]) -> list:
    loop = asyncio.get_running_loop()

    def top3(values: list[float]) -> list[float]:
        return sorted(values, reverse=True)[:3]

    with ProcessPoolExecutor() as pool:  # expect: LS1
        return await asyncio.gather(*(loop.run_in_executor(pool, top3, v) for v in months.values()))  # expect: LS3


async def build_threads(months: dict[str, list[float]]) -> list:
    loop = asyncio.get_running_loop()

    def top3(values: list[float]) -> list[float]:
        return sorted(values, reverse=True)[:3]

    with ThreadPoolExecutor() as pool:
        firsts = await asyncio.gather(*(loop.run_in_executor(pool, top3, v) for v in months.values()))
    seconds = await loop.run_in_executor(None, lambda: [summarise(v) for v in months.values()])
    return [firsts, seconds]


def build_sync(months: dict[str, list[float]]) -> list:
    class Local:
        def run(self, values: list[float]) -> float:
            return sum(values)

    with Pool(2) as pool:
        totals = pool.map(sum, months.values())
        local = pool.map(Local().run, months.values())  # expect: LS3
        doubled = pool.map(lambda vs: [v * 2 for v in vs], months.values())  # expect: LS3
    return [totals, local, doubled]


def build_sync_partial(months: dict[str, list[float]]) -> list:
    factor = 2.0

    def times(values: list[float], k: float) -> list[float]:
        return [v * k for v in values]

    with ProcessPoolExecutor() as pool:
        ok = list(pool.map(functools.partial(scale, factor=factor), months.values()))
        bad = list(pool.map(functools.partial(times, k=factor), months.values()))  # expect: LS3
    return [ok, bad]


if __name__ == "__main__":
    data = {"jan": [1.0, 2.0, 3.0], "feb": [4.0, 5.0, 6.0]}
    print(asyncio.run(build(data)))
    print(build_sync(data))

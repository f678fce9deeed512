"""An asyncio front end for a long-running simulation process."""
from __future__ import annotations

import asyncio
import multiprocessing as mp
from multiprocessing.connection import Connection


def simulate(conn: Connection, results: mp.Queue, steps: int) -> None:
    for i in range(steps):
        results.put({"step": i, "value": i * 0.5})
    conn.send("done")
    conn.close()


class Simulation:
    def __init__(self, steps: int) -> None:
        self.results: mp.Queue = mp.Queue()
        self.parent, child = mp.Pipe()
        self.proc = mp.Process(target=simulate, args=(child, self.results, steps), daemon=True)

    async def start(self) -> None:
        self.proc.start()

    async def next_result_blocking(self) -> dict:
        return self.results.get()  # expect: LS1

    async def next_result(self) -> dict:
        return await asyncio.to_thread(self.results.get)

    async def wait_done_blocking(self) -> str:
        return self.parent.recv()  # expect: LS1

    async def wait_done(self) -> str:
        return await asyncio.to_thread(self.parent.recv)

    async def stop_blocking(self) -> None:
        self.proc.join()  # expect: LS1

    async def stop(self) -> None:
        await asyncio.to_thread(self.proc.join, 5)
        if self.proc.is_alive():
            self.proc.terminate()


async def squares_blocking(numbers: list[int]) -> list[int]:
    with mp.Pool(2) as pool:
        return pool.map(pow2, numbers)  # expect: LS1


async def squares(numbers: list[int]) -> list[int]:
    with mp.Pool(2) as pool:
        result = pool.map_async(pow2, numbers)
        return await asyncio.to_thread(result.get, 30)


def pow2(n: int) -> int:
    return n * n


async def main() -> None:
    sim = Simulation(5)
    await sim.start()
    for _ in range(5):
        print(await sim.next_result())
    print(await sim.wait_done())
    await sim.stop()
    print(await squares([1, 2, 3]))


if __name__ == "__main__":
    asyncio.run(main())

"""An asyncio service that pre-forks CPU workers with the fork start method."""
import asyncio
import multiprocessing as mp


def crunch(n: int) -> int:
    return sum(i * i for i in range(n))


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, pool) -> None:
    n = int((await reader.readline()).strip() or 0)
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    pool.apply_async(crunch, (n,), callback=lambda r: loop.call_soon_threadsafe(done.set_result, r))
    writer.write(f"{await done}\n".encode())
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def serve(pool) -> None:
    server = await asyncio.start_server(lambda r, w: handle(r, w, pool), "127.0.0.1", 8765)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    mp.set_start_method("fork")  # expect: LS3
    with mp.Pool(4) as workers:
        asyncio.run(serve(workers))

"""Explore 3, fixed: never hold a threading lock across an await.

The handler waits for the flush first, then takes the lock only for the append, which
does not await. (Whether the new point lands before or after a flush is a choice; here
the flush of the previous batch is awaited first, so it never sees the new point.)
"""

import asyncio
import threading


class MetricsBuffer:
    def __init__(self):
        self.lock = threading.Lock()
        self.points = [1, 2, 3]
        self.flushed = []

    def flush(self):  # runs in a worker thread
        with self.lock:
            self.flushed.extend(self.points)
            self.points.clear()


async def main():
    buffer = MetricsBuffer()
    loop = asyncio.get_running_loop()
    flushing = loop.run_in_executor(None, buffer.flush)
    await flushing
    with buffer.lock:
        buffer.points.append(4)
    assert buffer.flushed == [1, 2, 3] and buffer.points == [4]
    return buffer.flushed


if __name__ == "__main__":
    print(asyncio.run(main()))

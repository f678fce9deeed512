"""Explore 3, broken: a threading lock held across an await of a worker that needs it.

The metrics buffer is flushed by a worker thread under ``buffer.lock``. The handler
takes the same lock, then awaits the flush it started: if the flush has not taken the
lock yet, it never will, and the loop waits for it forever. On a stock loop the flush
thread always gets the lock during the 10 ms sleep; ``loopsafe_explore`` reports the
deadlock (who holds the lock across which await, who waits for it) instead of hanging.
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
    await asyncio.sleep(0.01)  # "the flush has started by now"
    with buffer.lock:
        buffer.points.append(4)
        await flushing  # waits for the flush while holding the lock it needs
    assert buffer.flushed == [1, 2, 3] and buffer.points == [4]
    return buffer.flushed


if __name__ == "__main__":
    print(asyncio.run(main()))

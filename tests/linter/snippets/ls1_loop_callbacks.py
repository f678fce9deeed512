import asyncio
import time


def flush_to_disk(path):
    with open(path, "a") as f:
        f.write("x")


def tick():
    print("tick")


class Batcher:
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop

    def flush(self):
        time.sleep(0.5)

    def schedule(self):
        self.loop.call_later(1, self.flush)  # error: LS101


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(time.sleep, 1)  # error: LS101
    loop.call_later(5, flush_to_disk, "log.txt")  # error: LS104
    loop.call_soon(tick)
    await loop.run_in_executor(None, flush_to_disk, "log.txt")

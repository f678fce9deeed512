import asyncio
import queue
import threading
from queue import Queue

lock = threading.Lock()
jobs = Queue()
done = threading.Event()


async def consume(worker: threading.Thread, inbox: "queue.Queue[int]"):
    lock.acquire()  # error: LS107
    lock.acquire(blocking=False)
    lock.acquire(False)
    lock.acquire(timeout=0)
    jobs.get()  # error: LS107
    jobs.get(block=False)
    jobs.get_nowait()
    jobs.put(1)  # unbounded: always has room
    Queue(maxsize=8).put(1)  # error: LS107
    inbox.get(timeout=5)  # error: LS107
    done.wait()  # error: LS107
    worker.join()  # error: LS107
    threading.Barrier(2).wait()  # error: LS107
    cond = threading.Condition()
    with cond:
        cond.wait()  # error: LS107


async def fine():
    q: asyncio.Queue[int] = asyncio.Queue()
    await q.get()
    event = asyncio.Event()
    await event.wait()
    alock = asyncio.Lock()
    async with alock:
        pass
    await asyncio.to_thread(jobs.get)


class Sensor(threading.Thread):
    def run(self):
        done.wait()


sensor = Sensor()


async def stop_sensor():
    sensor.join()  # error: LS107
    sensor.is_alive()


async def annotated():
    gate: threading.Event = make_gate()
    gate.wait()  # error: LS107

"""`put` on a queue made without a maxsize never waits: it always has room."""
import multiprocessing as mp
import queue


class Sender:
    def __init__(self):
        self.jobs: "queue.Queue[int]" = queue.Queue()
        self.lifo = queue.LifoQueue(maxsize=0)
        self.bounded = queue.Queue(maxsize=10)
        self.small = queue.Queue(5)
        self.processes = mp.Queue()
        self.bounded_processes = mp.Queue(100)


async def handler(s: Sender, q: queue.Queue):
    s.jobs.put(1)
    s.lifo.put(1)
    s.processes.put(1)
    s.bounded.put(1)  # error: LS107
    s.small.put(1)  # error: LS107
    s.bounded_processes.put(1)  # error: LS108
    q.put(1)  # error: LS107
    s.jobs.get()  # error: LS107
    s.jobs.join()  # error: LS107
    s.processes.get()  # error: LS108

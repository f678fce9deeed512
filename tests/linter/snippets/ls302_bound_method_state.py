import asyncio
import threading
from concurrent.futures import ProcessPoolExecutor


class Scorer:
    def __init__(self, weights):
        self.weights = weights
        self.lock = threading.Lock()

    def score(self, row):
        return sum(w * x for w, x in zip(self.weights, row))


class PlainScorer:
    def __init__(self, weights):
        self.weights = weights

    def score(self, row):
        return sum(w * x for w, x in zip(self.weights, row))


async def rank(rows):
    scorer = Scorer([1, 2])
    plain = PlainScorer([1, 2])
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor() as pool:  # error: LS108
        first = await loop.run_in_executor(pool, scorer.score, rows[0])  # error: LS302
        fine = await loop.run_in_executor(pool, plain.score, rows[0])
        threaded = await loop.run_in_executor(None, scorer.score, rows[0])
        return first, fine, threaded

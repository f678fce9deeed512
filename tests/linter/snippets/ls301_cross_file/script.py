import asyncio

from jobs import run_batch
from jobs.pool import run_batch_async

print(run_batch([1, 2, 3]))  # error: LS301
asyncio.run(run_batch_async([4]))  # error: LS301

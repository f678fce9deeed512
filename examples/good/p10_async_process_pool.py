"""Pattern 10: CPU-bound work from a coroutine, on a ``ProcessPoolExecutor``, gathered.

``run_in_executor`` needs a ``concurrent.futures.Executor``: a
``ProcessPoolExecutor`` is one, a ``multiprocessing.Pool`` is not. Starting all
the calls and gathering them lets them run in parallel; awaiting them one at a
time, as the material does, runs them one after the other. The pool is created
outside the coroutine, so that shutting it down (which waits for the workers)
does not hold up the event loop.
"""

import asyncio
from concurrent.futures import ProcessPoolExecutor


def cpu_bound_operation(x):
    return x * x


async def compute(pool, values):
    loop = asyncio.get_running_loop()
    return await asyncio.gather(*(loop.run_in_executor(pool, cpu_bound_operation, v) for v in values))


def main():
    with ProcessPoolExecutor() as pool:
        results = asyncio.run(compute(pool, range(5)))
    print(f"Results: {results}")
    return results


if __name__ == "__main__":
    main()

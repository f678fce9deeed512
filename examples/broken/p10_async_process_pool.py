"""Pattern 10, broken: a ``multiprocessing.Pool`` given to ``run_in_executor``.

As printed in the material (with the ``__main__`` guard added, see pattern 6).
``run_in_executor`` calls ``executor.submit``; a ``multiprocessing.Pool`` is not
a ``concurrent.futures.Executor`` and has no ``submit``, so the first call
raises ``AttributeError``. Even with a real executor, awaiting one call at a
time runs them one after the other. Use ``ProcessPoolExecutor`` and gather
(``good/p10_async_process_pool.py``).
"""

import asyncio
import multiprocessing


def cpu_bound_operation(x):
    return x * x


async def main():
    loop = asyncio.get_running_loop()
    results = []
    with multiprocessing.Pool() as pool:
        for i in range(5):
            result = await loop.run_in_executor(pool, cpu_bound_operation, i)  # error: LS303
            results.append(result)
    print(f"Results: {results}")
    return results


if __name__ == "__main__":
    asyncio.run(main())

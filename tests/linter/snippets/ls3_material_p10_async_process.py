# Pattern 10 of the material, as printed: a multiprocessing.Pool given to run_in_executor,
# and `asyncio.run(main())` at module level, where `main` creates that pool, unguarded.
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
    print(f'Results: {results}')

asyncio.run(main())  # error: LS301

"""A future known to be done answers `result()` and `exception()` at once."""
import concurrent.futures as cf

pool = cf.ThreadPoolExecutor()


async def status(fut: cf.Future) -> str:
    if not fut.done():
        return "running"
    return "failed" if fut.exception() else "done"


async def peek(fut: cf.Future, other: cf.Future):
    if fut.done():
        print(fut.result(), other.result())  # error: LS108
    if not fut.done():
        print("waiting")
    else:
        print(fut.result())
    return fut.result()  # error: LS108


async def completed() -> float:
    fut: cf.Future = cf.Future()
    fut.set_result(42.0)
    return fut.result()


async def waits(data) -> int:
    fut = pool.submit(len, data)
    print(fut.done())
    return fut.result(timeout=30)  # error: LS108

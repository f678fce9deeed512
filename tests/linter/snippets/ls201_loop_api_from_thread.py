"""LS201: loop-only asyncio APIs called from code that runs in a worker thread."""

import asyncio
import asyncio as aio
import functools
import threading
from asyncio import create_task as spawn
from concurrent.futures import ThreadPoolExecutor


async def tick():
    await asyncio.sleep(0)


def schedule(loop: asyncio.AbstractEventLoop):
    loop.call_soon(print, "hi")  # error: LS201
    loop.call_later(1, print)  # error: LS201
    loop.call_at(loop.time() + 1, print)  # error: LS201
    loop.create_task(tick())  # error: LS201
    loop.call_soon_threadsafe(print, "fine")
    asyncio.run_coroutine_threadsafe(tick(), loop)


def untyped_loop(loop):
    loop.call_soon(print)  # error: LS201


def other_libraries(tracker, socket_app):
    tracker.create_task("write the report")  # a task tracker's API, not a loop's
    socket_app.run_forever()


def module_functions():
    asyncio.create_task(tick())  # error: LS201
    aio.ensure_future(tick())  # error: LS201
    spawn(tick())  # error: LS201
    asyncio.get_running_loop()  # error: LS201


def passed_objects(loop, fut, queue, event, count):
    fut.set_result(count)  # error: LS201
    queue.put_nowait(count)  # error: LS201
    event.set()  # error: LS201
    loop.call_soon_threadsafe(fut.cancel)


def in_async_context():
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def helper(loop):
    loop.call_soon(print)  # error: LS201


def through_helper(loop):
    helper(loop)
    in_async_context()


class Poller(threading.Thread):
    def __init__(self, loop: asyncio.AbstractEventLoop):
        super().__init__()
        self.loop = loop

    def run(self):
        self.loop.call_soon(print)  # error: LS201


class Service:
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.pool = ThreadPoolExecutor()

    def start(self):
        threading.Thread(target=self._work).start()
        self.pool.submit(self._safe_work)

    def _work(self):
        self.loop.call_later(0.5, print)  # error: LS201

    def _safe_work(self):
        self.loop.call_soon_threadsafe(print)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    task = asyncio.create_task(tick())
    queue = asyncio.Queue()
    event = asyncio.Event()

    def finish():
        fut.set_result(1)  # error: LS201
        fut.set_exception(ValueError())  # error: LS201
        task.cancel()  # error: LS201
        queue.put_nowait(1)  # error: LS201
        queue.get_nowait()  # error: LS201
        event.set()  # error: LS201

    def finish_safely():
        loop.call_soon_threadsafe(fut.set_result, 1)
        loop.call_soon_threadsafe(queue.put_nowait, 1)
        loop.call_soon_threadsafe(event.set)

    threading.Thread(target=schedule, args=(loop,)).start()
    threading.Thread(target=passed_objects, args=(loop, fut, queue, event, 1)).start()
    await loop.run_in_executor(None, passed_objects, loop, fut, queue, event, 2)
    threading.Timer(1.0, untyped_loop, args=(loop,)).start()
    await loop.run_in_executor(None, module_functions)
    await loop.run_in_executor(None, other_libraries, None, None)
    await asyncio.to_thread(through_helper, loop)
    await asyncio.to_thread(finish)
    await asyncio.to_thread(finish_safely)
    await loop.run_in_executor(None, functools.partial(helper, loop))
    await asyncio.to_thread(lambda: loop.call_soon(print))  # error: LS201
    Poller(loop).start()
    Service(loop).start()

    # on the loop's own thread all of these are right
    loop.call_soon(print)
    fut.set_result(2)
    queue.put_nowait(2)
    event.set()


def own_loop_in_thread():
    """A thread that runs its own loop may use it freely."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.create_task(tick())
        loop.call_soon(print)
        loop.run_until_complete(tick())
    finally:
        loop.close()


def run_in_thread():
    asyncio.run(tick())


threading.Thread(target=own_loop_in_thread).start()
threading.Thread(target=run_in_thread).start()


from watchdog.events import FileSystemEventHandler  # noqa: E402


class Reloader(FileSystemEventHandler):
    """watchdog calls the handlers from its observer thread."""

    def __init__(self, changes: asyncio.Queue, loop: asyncio.AbstractEventLoop):
        self.changes = changes
        self.loop = loop

    def on_modified(self, event):
        self.changes.put_nowait(event)  # error: LS201

    def on_created(self, event):
        self.loop.call_soon_threadsafe(self.changes.put_nowait, event)


from asgiref.sync import sync_to_async  # noqa: E402


@sync_to_async
def save_report(loop: asyncio.AbstractEventLoop):
    loop.call_soon(print)  # error: LS201


def render(loop):
    loop.call_later(1, print)  # error: LS201


async def view(loop: asyncio.AbstractEventLoop):
    await save_report(loop)
    await sync_to_async(render)(loop)

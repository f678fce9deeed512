"""The deadlock report: who holds what, and who waits for whom.

Built from the scheduler's participants (what each worker and the loop's thread
waits for, and where), the holders of the locks they wait on (the task that took a
lock and still holds it across an ``await``), and the loop's pending tasks (what
each awaits: a worker's job, or a future nothing will complete).
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

from .scheduler import Participant, Scheduler, Worker


def _job_futures(scheduler: Scheduler) -> dict[int, Worker]:
    """id(asyncio future) -> the worker whose job completes it (``wrap_future`` chains
    them through a done callback of the job's concurrent future)."""
    found: dict[int, Worker] = {}
    for worker in scheduler.all_workers:
        if worker.job is None:
            continue  # an adopted thread: nothing awaits it through a future
        future = worker.job.future
        found[id(future)] = worker
        for callback in getattr(future, "_done_callbacks", []):
            for cell in getattr(callback, "__closure__", None) or ():
                try:
                    value = cell.cell_contents
                except ValueError:
                    continue
                if isinstance(value, asyncio.Future):
                    found[id(value)] = worker
    return found


def _lock_sentence(waiter: str, participant: Participant) -> str:
    wait = participant.wait
    lock = wait.resource
    at = f" at {participant.where}" if participant.where else ""
    holder = getattr(lock, "holder", None)
    if holder is not None and holder.participant is participant:
        # a Condition's waiter lock, taken by the waiter itself: released by a notify
        return (f"{waiter} waits to be notified (a Future's result, an Event, a Queue item, "
                f"a Condition){at}")
    if holder is None:
        return f"{waiter} waits for a `threading.Lock`{at}, held by a thread the explorer does not control"
    where = f" ({holder.where})" if holder.where else ""
    across = " across `await`" if holder.task is not None else ""
    return f"{holder.describe()} holds `threading.Lock`{where}{across}; {waiter} waits for it{at}"


def _participant_sentence(participant: Participant, locate: Any) -> str:
    name = participant.name
    if isinstance(participant, Worker) and participant.stuck:
        frame = sys._current_frames().get(getattr(participant.thread, "ident", None))
        where = locate(frame) if frame is not None else ""
        return (f"{name} is blocked in something the explorer does not control (a lock made "
                f"before the test, C code, real I/O)" + (f" at {where}" if where else ""))
    if isinstance(participant, Worker) and not participant.started:
        pool = participant.pool
        return (f"{name} cannot start: all {pool.max_workers} thread(s) of its executor are "
                "taken by jobs that do not finish")
    wait = participant.wait
    if wait is not None and wait.resource is not None:
        return _lock_sentence(name, participant)
    at = f" at {participant.where}" if participant.where else ""
    what = wait.what if wait is not None else "cannot go on"
    return f"{name} {what}{at}"


def _task_sentence(task: asyncio.Task, jobs: dict[int, Worker], locate: Any) -> str:
    from .loop import task_location

    where = task_location(task, locate)
    at = f" at {where}" if where else ""
    waiter = task._fut_waiter
    if task is asyncio.current_task(task.get_loop()):
        return f"{task.get_name()} runs and holds the event loop{at}"
    if waiter is None:
        return f"{task.get_name()} is ready but the loop cannot run it{at}"
    worker = jobs.get(id(waiter))
    if worker is not None:
        return f"{task.get_name()} awaits {worker.name}{at}"
    if isinstance(waiter, asyncio.Task):
        return f"{task.get_name()} awaits {waiter.get_name()}{at}"
    return f"{task.get_name()} awaits a future that nothing will complete{at}"


def describe_deadlock(scheduler: Scheduler, why: str = "") -> str:
    lines = ["deadlock: no task, worker or timer can make progress" + (f" ({why})" if why else "")]
    if scheduler.loop_side.wait is not None:
        lines.append(_participant_sentence(scheduler.loop_side, scheduler.locate))
    lines.extend(_participant_sentence(worker, scheduler.locate) for worker in scheduler.live)
    loop = scheduler.loop
    if loop is not None and not loop.is_closed():
        jobs = _job_futures(scheduler)
        tasks = [t for t in asyncio.all_tasks(loop) if not t.done()]
        tasks.sort(key=lambda t: t.get_name())
        lines.extend(_task_sentence(task, jobs, scheduler.locate) for task in tasks)
    return "\n".join(lines)

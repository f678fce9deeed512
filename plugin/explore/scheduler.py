"""The scheduler: one participant at a time, the loop's thread or a controlled worker.

Workers are real threads, but each waits at its gate until the loop's thread hands it
control, and hands control back at its next instrumented point (a lock, a sleep, a
``call_soon_threadsafe``, its end). Every decision is made on the loop's thread: in the
loop's ``_run_once`` (run the next callback, or let a worker go first; when the loop is
idle, which worker runs or whether the clock jumps to the next timer) and, while the
loop's thread itself waits on a primitive, in ``loop_wait``. When nothing can make
progress the scheduler raises ``ScheduleDeadlock`` with the wait-for graph instead of
hanging.

A worker that does not come back within ``STUCK_AFTER`` real seconds (blocked in
something not instrumented, or computing) is marked stuck and the others go on; it
rejoins at its next instrumented point.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .primitives import real_allocate_lock, real_monotonic, real_primitives, real_wait
from .schedule import Chooser

STUCK_AFTER = 2.0  # real seconds a worker may run between two instrumented points
STALL_SLICE = 0.02  # real seconds of one wait for activity the explorer does not control


class ScheduleDeadlock(BaseException):
    """Nothing can make progress. A BaseException, so that the code under test's
    ``except Exception`` cannot swallow it."""


class _Abort(BaseException):
    """Unwinds a worker left behind when its example ends."""


@dataclass
class Wait:
    """What a blocked participant waits for: a condition, a virtual deadline, or both."""

    what: str
    ready: Callable[[], bool] | None = None
    deadline: float | None = None
    resource: Any = None  # the lock waited for, for the deadlock report

    def satisfied(self, now: float) -> bool:
        return (self.ready is not None and self.ready()) or \
            (self.deadline is not None and now >= self.deadline)


@dataclass(eq=False)
class Participant:
    name: str
    wait: Wait | None = None
    where: str = ""  # where it last stopped: the user's file:line
    gate: Any = field(default_factory=real_allocate_lock)

    def __post_init__(self) -> None:
        self.gate.acquire()  # closed: the participant waits here for its turn


@dataclass(eq=False)
class Pool:
    """One executor's jobs: at most ``max_workers`` run, and they start in submission
    order (the executor's work queue is FIFO)."""

    executor: Any
    max_workers: int
    queued: deque = field(default_factory=deque)
    active: int = 0

    def can_start(self, worker: Worker) -> bool:
        return self.active < self.max_workers and bool(self.queued) and self.queued[0] is worker

    def idle(self) -> bool:
        return not self.queued and not self.active


@dataclass(eq=False)
class Worker(Participant):
    job: Any = None
    pool: Pool | None = None
    started: bool = False
    done: bool = False
    stuck: bool = False
    thread: threading.Thread | None = None
    adopted: bool = False  # a thread the code under test started itself

    def describe(self) -> str:
        if not self.started:
            return f"{self.name} starts"
        where = f" at {self.where}" if self.where else ""
        return f"{self.name} goes on{where}"


@dataclass(frozen=True)
class Holder:
    """Who took a lock, and where."""

    participant: Participant
    task: Any
    where: str

    def describe(self) -> str:
        if self.task is not None:
            return self.task.get_name()
        return self.participant.name


class Scheduler:
    """One example's participants, clock and decisions."""

    def __init__(self, chooser: Chooser, locate: Callable[[Any], str], *,
                 stall_timeout: float, horizon: float) -> None:
        self.chooser = chooser
        self.locate = locate  # frame -> "path:line" of the nearest user frame ("" if none)
        self.stall_timeout = stall_timeout
        self.now = self.start = real_monotonic()
        self.horizon = horizon
        self.loop_side = Participant("the event loop")
        self._by_ident: dict[int, Participant] = {threading.get_ident(): self.loop_side}
        self.live: list[Worker] = []
        self.all_workers: list[Worker] = []
        self.pools: dict[Any, Pool] = {}
        self.adopted: dict[threading.Thread, Worker] = {}
        self.loop: Any = None
        self.failure: ScheduleDeadlock | None = None
        self.drained: Any = None  # a future of the loop, done when the last worker is
        self._mutex = real_allocate_lock()
        self._running: Worker | None = None
        self._aborting = False
        self._stalled = 0.0
        self._baseline = set(threading.enumerate())

    def participant(self) -> Participant | None:
        return self._by_ident.get(threading.get_ident())

    # -- decisions (on the loop's thread) --------------------------------------------

    def choose(self, options: list[tuple[str, Any]]) -> Any:
        if len(options) == 1:
            return options[0][1]
        return options[self.chooser.choose([label for label, _ in options])][1]

    def worker_options(self) -> list[tuple[str, Any]]:
        return [(w.describe(), w) for w in self.live if self._can_run(w)]

    def _can_run(self, worker: Worker) -> bool:
        if worker.done or worker.stuck:
            return False
        if not worker.started:
            return worker.pool.can_start(worker)
        return worker.wait is None or worker.wait.satisfied(self.now)

    def next_deadline(self, *more: float | None) -> float | None:
        """The earliest virtual time still ahead at which a worker wakes (or ``more``)."""
        deadlines = [w.wait.deadline for w in self.live
                     if w.started and w.wait is not None and w.wait.deadline is not None]
        deadlines = [d for d in (*deadlines, *more) if d is not None and d > self.now]
        return min(deadlines) if deadlines else None

    def advance_option(self, deadline: float, fires: str) -> tuple[str, Any]:
        return (f"the clock jumps +{max(0.0, deadline - self.now):.3f}s: {fires}", _Advance(deadline))

    def perform(self, choice: Any) -> None:
        self._stalled = 0.0
        if isinstance(choice, _Advance):
            self.now = max(self.now, choice.deadline)
            if self.now - self.start > self.horizon:
                raise self.deadlock(f"the virtual clock passed {self.horizon:g}s: the test "
                                    "waits for something that never comes, re-arming a timer")
        else:
            self.step(choice)

    def idle(self, timer: float | None, timer_label: str, poll: Callable[[float], bool],
             io_pending: bool) -> None:
        """The loop has nothing ready: run a worker, or move the clock to the next timer
        or worker wake-up, or wait for what the explorer does not control."""
        if self._check_drained() or (io_pending and poll(0.001)):
            return  # a real socket had something: the loop goes on
        options = self.worker_options()
        deadline = self.next_deadline(timer)
        if deadline is not None:
            fires = timer_label if deadline == timer else self._waking(deadline)
            options.append(self.advance_option(deadline, fires))
        if not options:
            self.stall(poll, io_pending)
            return
        self.perform(self.choose(options))

    def _waking(self, deadline: float) -> str:
        names = [w.name for w in self.live if w.wait is not None and w.wait.deadline == deadline]
        return ", ".join(names) + " wakes up"

    def interleave(self, describe_callback: Callable[[], str]) -> None:
        """Before the loop runs its next callback: maybe some workers go first."""
        label = None
        while True:
            options = self.worker_options()
            if not options:
                return
            label = label or describe_callback()
            choice = self.choose([(label, None)] + options)
            if choice is None:
                return
            self.perform(choice)
            self.raise_failure()

    def loop_wait(self, wait: Wait) -> None:
        """The loop's thread waits on a primitive: workers (and the clock) move until
        ``wait`` is satisfied. The loop's own timers cannot fire meanwhile."""
        side = self.loop_side
        side.wait, side.where = wait, self.locate(sys._getframe(1))
        try:
            while not wait.satisfied(self.now):
                self.raise_failure()
                options = self.worker_options()
                deadline = self.next_deadline(wait.deadline)
                if deadline is not None:
                    fires = "the event loop's wait times out" if deadline == wait.deadline \
                        else self._waking(deadline)
                    options.append(self.advance_option(deadline, fires))
                if not options:
                    self.stall(None, False)
                    continue
                self.perform(self.choose(options))
        finally:
            side.wait = None

    def stall(self, poll: Callable[[float], bool] | None, io_pending: bool) -> None:
        """No controlled option: wait a moment for uncontrolled activity, or report."""
        if not (io_pending or self._uncontrolled_threads()):
            raise self.deadlock()
        if self._stalled >= self.stall_timeout:
            raise self.deadlock(f"nothing happened for {self.stall_timeout:g}s of real time")
        started = real_monotonic()
        if poll is not None:
            poll(STALL_SLICE)
        else:
            real_wait(STALL_SLICE)
        self._stalled += real_monotonic() - started

    def _uncontrolled_threads(self) -> list[threading.Thread]:
        ours = {w.thread for w in self.all_workers}  # a finished one may still be exiting
        return [t for t in threading.enumerate()
                if t not in self._baseline and (t not in ours or self._is_stuck(t))]

    def _is_stuck(self, thread: threading.Thread) -> bool:
        return any(w.thread is thread and w.stuck for w in self.live)

    def deadlock(self, why: str = "") -> ScheduleDeadlock:
        from .waits import describe_deadlock

        self.failure = ScheduleDeadlock(describe_deadlock(self, why))
        return self.failure

    def raise_failure(self) -> None:
        if self.failure is not None:
            raise self.failure

    # -- handing control over ----------------------------------------------------------

    def step(self, worker: Worker) -> None:
        """Let ``worker`` run to its next instrumented point (loop's thread)."""
        if not worker.started:
            worker.started = True
            worker.pool.queued.popleft()
            worker.pool.active += 1
        with self._mutex:
            self._running = worker
        worker.gate.release()
        if not self.loop_side.gate.acquire(timeout=STUCK_AFTER):
            with self._mutex:
                if self._running is worker:
                    self._running, worker.stuck = None, True
                    return
            self.loop_side.gate.acquire()  # it came back just now
        self._check_drained()

    def _check_drained(self) -> bool:
        """Wake ``drained`` once the last worker is gone (True if it did)."""
        if self.jobs_left() or self.drained is None or self.drained.done():
            return False
        self.drained.set_result(None)
        return True

    def _hand_back(self, worker: Worker) -> None:
        with self._mutex:
            worker.stuck = False
            mine = self._running is worker
            if mine:
                self._running = None
        if mine:
            self.loop_side.gate.release()

    def pause(self, worker: Worker, wait: Wait | None = None) -> None:
        """An instrumented point in a worker: control goes back to the loop's thread."""
        if self._aborting:
            raise _Abort
        worker.wait, worker.where = wait, self.locate(sys._getframe(2))
        self._hand_back(worker)
        worker.gate.acquire()
        worker.wait = None
        if self._aborting:
            raise _Abort

    def block(self, who: Participant, wait: Wait) -> None:
        """Until ``wait`` is satisfied (a worker is only resumed once it is)."""
        if who is self.loop_side:
            self.loop_wait(wait)
        else:
            self.pause(who, wait)

    # -- the primitives' side ------------------------------------------------------------

    def acquire(self, lock: Any, who: Participant, blocking: bool, timeout: float) -> bool:
        if who is not self.loop_side and blocking:
            self.pause(who)  # another participant may take it first
        if lock.try_take():
            lock.holder = self._holder(who)
            return True
        if not blocking:
            return False
        deadline = self.now + timeout if timeout is not None and timeout >= 0 else None
        wait = Wait("waits for a threading.Lock", ready=lambda: not lock.locked(),
                    deadline=deadline, resource=lock)
        while True:
            self.block(who, wait)
            if lock.try_take():
                lock.holder = self._holder(who)
                return True
            if deadline is not None and self.now >= deadline:
                return False

    def _holder(self, who: Participant) -> Holder:
        task = None
        if who is self.loop_side and self.loop is not None:
            task = asyncio.current_task(self.loop)
        return Holder(who, task, self.locate(sys._getframe(3)))

    def sleep(self, who: Participant, seconds: float) -> None:
        if seconds > 0:
            self.block(who, Wait(f"sleeps {seconds:g}s", deadline=self.now + seconds))
        elif who is not self.loop_side:
            self.pause(who)

    # -- workers -------------------------------------------------------------------------

    def spawn(self, executor: Any, job: Any) -> Worker:
        pool = self.pools.get(executor)
        if pool is None:
            pool = self.pools[executor] = Pool(executor, getattr(executor, "_max_workers", 1) or 1)
        number = len(self.all_workers) + 1
        worker = Worker(f"worker {number} `{job.name}()`", job=job, pool=pool)
        pool.queued.append(worker)
        prefix = getattr(executor, "_thread_name_prefix", "") or "ThreadPoolExecutor"
        with real_primitives():
            worker.thread = threading.Thread(target=self._worker_main, args=(worker,),
                                             name=f"{prefix}_explored_{number}", daemon=True)
            worker.thread.start()
        self._by_ident[worker.thread.ident] = worker
        self.live.append(worker)
        self.all_workers.append(worker)
        return worker

    def _worker_main(self, worker: Worker) -> None:
        worker.gate.acquire()
        try:
            if not self._aborting:
                worker.job.run()
        except _Abort:
            pass
        finally:
            self.leave(worker)

    def leave(self, worker: Worker) -> None:
        """A worker's job (or an adopted thread's run) is over: control goes back."""
        worker.done = True
        if worker.started:
            worker.pool.active -= 1
        if worker in self.live:
            self.live.remove(worker)
        self._hand_back(worker)

    def adopt(self, thread: threading.Thread, target: str) -> Worker:
        """A thread started by a participant runs as a worker from its first instruction."""
        worker = Worker(f"thread {len(self.all_workers) + 1} `{target}()`", pool=Pool(thread, 1),
                        thread=thread, adopted=True)
        worker.pool.queued.append(worker)
        self.adopted[thread] = worker
        self.live.append(worker)
        self.all_workers.append(worker)
        return worker

    def enter(self, worker: Worker) -> bool:
        """In the adopted thread, before its ``run``: wait for the first turn. False if the
        example ended first: the thread then runs on its own, as it would have."""
        self._by_ident[threading.get_ident()] = worker
        worker.gate.acquire()
        if self._aborting:
            del self._by_ident[threading.get_ident()]
            return False
        return True

    def jobs_left(self) -> bool:
        return any(not worker.adopted for worker in self.live)

    def wait_for_pool(self, who: Participant, pool: Pool) -> None:
        """``executor.shutdown(wait=True)``: until its jobs are done."""
        self.block(who, Wait("waits for an executor's shutdown", ready=pool.idle))

    def abort(self) -> None:
        """End of the example: unwind every worker still there."""
        self._aborting = True
        for worker in list(self.live):
            worker.gate.release()
        with real_primitives():  # the loop's thread joins them as any thread would
            for worker in list(self.live):
                if worker.thread is not None and not worker.stuck and worker.started:
                    worker.thread.join(STUCK_AFTER)


@dataclass(frozen=True)
class _Advance:
    deadline: float

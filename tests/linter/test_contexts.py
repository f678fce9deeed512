"""Hand-offs and where code runs: which calls run a callable in a thread or a
process, and which functions run off the event loop's thread."""

from __future__ import annotations

import textwrap
from pathlib import Path

from hypothesis import given, settings, strategies as st

from loopsafe.linter.analysis.callgraph import Depth
from loopsafe.linter.analysis.contexts import process_code, thread_code

MAX_DEPTH = Depth.CONTEXT
from loopsafe.linter.analysis.handoffs import PROCESS, THREAD, callable_function, handoffs
from loopsafe.linter.analysis.modules import module_name
from loopsafe.linter.analysis.project import Project
from loopsafe.linter.pipeline import file_facts


def project_of(tmp_path: Path, **sources: str) -> Project:
    """A project from ``module_path="source"`` pairs (``pkg__mod`` for ``pkg/mod.py``)."""
    facts = []
    for name, source in sources.items():
        path = tmp_path.joinpath(*name.split("__")).with_suffix(".py")
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.parent != tmp_path:
            (path.parent / "__init__.py").touch()
        text = textwrap.dedent(source)
        path.write_text(text)
        facts.append(file_facts(str(path), module_name(path), text.encode(), None)[0])
    return Project(facts)


def handed(project: Project) -> dict[str, tuple[str, str | None, bool]]:
    """callee text -> (destination, qualname of the callable or None, inferred)."""
    found = {}
    for handoff in handoffs(project):
        ref = callable_function(project, handoff.file, handoff.call, handoff.callable)
        qualname = project.function(ref).qualname if ref else None
        found[handoff.call.text] = (handoff.destination, qualname, handoff.inferred)
    return found


HANDOFFS = """
import asyncio, functools, threading, _thread
import multiprocessing as mp
from multiprocessing.pool import ThreadPool
from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor
import anyio

def work(x=None):
    return x

class Box:
    def method(self):
        return 1

    def start(self):
        threading.Thread(target=self.method).start()

async def main(box: Box):
    loop = asyncio.get_running_loop()
    threads = ThreadPoolExecutor()
    processes = ProcessPoolExecutor()
    mp_pool = mp.Pool()
    thread_pool = ThreadPool(2)
    spawn = mp.get_context("spawn")
    await loop.run_in_executor(None, work, 1)
    await loop.run_in_executor(threads, work)
    await loop.run_in_executor(processes, work)
    await loop.run_in_executor(mp_pool, work)
    await asyncio.to_thread(functools.partial(work, 2))
    await anyio.to_thread.run_sync(box.method)
    threads.submit(work)
    processes.map(work, [1])
    mp_pool.apply_async(work)
    thread_pool.imap_unordered(work, [1])
    spawn.Process(target=work).start()
    threading.Timer(1.0, lambda: work(3)).start()
    _thread.start_new_thread(work, ())
"""


def test_each_handoff_api_names_its_callable_and_destination(tmp_path: Path) -> None:
    project = project_of(tmp_path, app=HANDOFFS)
    by_executor = {}
    for handoff in handoffs(project):
        if handoff.call.text == "loop.run_in_executor":
            by_executor[handoff.call.args[0].type or handoff.call.args[0].value] = handoff.destination
    assert by_executor == {"None": THREAD, "concurrent.futures.ThreadPoolExecutor": THREAD,
                           "concurrent.futures.ProcessPoolExecutor": PROCESS,
                           "multiprocessing.pool.Pool": PROCESS}
    found = handed(project)
    assert found["threading.Thread"] == (THREAD, "app.Box.method", False)
    assert found["asyncio.to_thread"] == (THREAD, "app.work", False)
    assert found["anyio.to_thread.run_sync"] == (THREAD, "app.Box.method", False)
    assert found["threads.submit"] == (THREAD, "app.work", False)
    assert found["processes.map"] == (PROCESS, "app.work", False)
    assert found["mp_pool.apply_async"] == (PROCESS, "app.work", False)
    assert found["thread_pool.imap_unordered"] == (THREAD, "app.work", False)
    assert found["spawn.Process"] == (PROCESS, "app.work", False)
    assert found["threading.Timer"] == (THREAD, "app.main.<locals>.<lambda>", False)
    assert found["_thread.start_new_thread"] == (THREAD, "app.work", False)


def test_unknown_receivers_are_matched_by_method_name_only_where_the_name_says_executor(tmp_path: Path) -> None:
    project = project_of(tmp_path, app="""
        def work():
            pass

        class Jobs:
            def __init__(self, executor, form, loop):
                self.executor = executor
                self.form = form
                self.loop = loop

            def go(self):
                self.executor.submit(work)
                self.form.submit(work)
                self.loop.run_in_executor(self.executor, work)
        """)
    found = handed(project)
    assert found == {"self.executor.submit": (THREAD, "app.work", True),
                     "self.loop.run_in_executor": (THREAD, "app.work", True)}


def test_each_lambda_argument_is_its_own_function(tmp_path: Path) -> None:
    project = project_of(tmp_path, app="""
        import threading

        def first(): pass
        def second(): pass

        def start():
            threading.Thread(target=lambda: first()).start()
            threading.Thread(target=lambda: second()).start()
        """)
    reached = {project.function(ref).qualname: reach for ref, reach in thread_code(project).items()}
    assert set(reached) == {"app.start.<locals>.<lambda>", "app.first", "app.second"}
    assert reached["app.first"].handoff.call.node < reached["app.second"].handoff.call.node


def test_thread_code_follows_calls_across_files_and_stops_at_coroutines_and_own_loops(tmp_path: Path) -> None:
    project = project_of(
        tmp_path,
        pkg__helpers="""
            import asyncio

            def notify():
                record()

            def record():
                pass

            async def coro():
                record_async_only()

            def record_async_only():
                pass

            def own_loop():
                loop = asyncio.new_event_loop()
                try:
                    loop.run_until_complete(coro())
                finally:
                    loop.close()
                inside_own_loop()

            def inside_own_loop():
                pass
            """,
        pkg__main="""
            import threading
            from pkg import helpers

            def worker():
                helpers.notify()
                helpers.coro()
                helpers.own_loop()

            def start():
                threading.Thread(target=worker).start()
            """)
    reached = {project.function(ref).qualname: reach for ref, reach in thread_code(project).items()}
    assert set(reached) == {"pkg.main.worker", "pkg.helpers.notify", "pkg.helpers.record"}
    assert [step.call.text for step in reached["pkg.helpers.record"].path] == ["helpers.notify", "record"]
    assert thread_code(project) is thread_code(project)  # built once per project


def test_thread_and_process_subclasses_run_methods_are_entry_points(tmp_path: Path) -> None:
    project = project_of(tmp_path, app="""
        import multiprocessing
        import threading

        class Base(threading.Thread):
            pass

        class Poller(Base):
            def run(self):
                self.poll()

            def poll(self):
                pass

        class Child(multiprocessing.Process):
            def run(self):
                pass
        """)
    threads = {project.function(ref).qualname for ref in thread_code(project)}
    processes = {project.function(ref).qualname for ref in process_code(project)}
    assert threads == {"app.Poller.run", "app.Poller.poll"}
    assert processes == {"app.Child.run"}


@settings(max_examples=25, deadline=None)
@given(depth=st.integers(min_value=1, max_value=MAX_DEPTH),
       coroutine_at=st.none() | st.integers(min_value=1, max_value=MAX_DEPTH))
def test_a_call_chain_is_reached_to_its_end_or_to_the_first_coroutine(tmp_path_factory, depth: int,
                                                                        coroutine_at: int | None) -> None:
    """f0 (a thread target) -> f1 -> ... -> f{depth}: each f{i} is reached with a
    path of i calls, unless a coroutine function at or before it cuts the chain."""
    lines = ["import threading", ""]
    for i in range(depth + 1):
        keyword = "async def" if i == coroutine_at else "def"
        body = f"f{i + 1}()" if i < depth else "pass"
        lines += [f"{keyword} f{i}():", f"    {body}", ""]
    lines += ["threading.Thread(target=f0).start()", ""]
    project = project_of(tmp_path_factory.mktemp("chain"), chain="\n".join(lines))
    reached = {project.function(ref).name: len(reach.path) for ref, reach in thread_code(project).items()}
    end = depth if coroutine_at is None or coroutine_at > depth else coroutine_at - 1
    assert reached == {f"f{i}": i for i in range(end + 1)}


def test_an_entry_functions_parameters_take_the_types_the_handoff_passes(tmp_path: Path) -> None:
    project = project_of(tmp_path, app="""
        import asyncio
        import threading

        def worker(loop, queue, n, stop=None):
            pass

        class Service:
            def pump(self, event):
                pass

            @staticmethod
            def tick(lock):
                pass

        async def main(service: Service):
            loop = asyncio.get_running_loop()
            queue = asyncio.Queue()
            threading.Thread(target=worker, args=(loop, queue, 1), kwargs={"stop": asyncio.Event()}).start()
            await loop.run_in_executor(None, service.pump, asyncio.Event())
            await asyncio.to_thread(helper, 1, done=asyncio.Event())
            await asyncio.to_thread(service.tick, asyncio.Lock())

        def helper(n, done):
            pass
        """)
    params = {project.function(ref).name: dict(reach.params) for ref, reach in thread_code(project).items()}
    assert params == {"worker": {"loop": "asyncio.AbstractEventLoop", "queue": "asyncio.Queue",
                                 "stop": "asyncio.Event"},
                      "pump": {"event": "asyncio.Event"}, "helper": {"done": "asyncio.Event"},
                      "tick": {"lock": "asyncio.Lock"}}


def test_callbacks_run_where_the_call_runs_unless_handed_to_a_loop_or_kept(tmp_path: Path) -> None:
    project = project_of(tmp_path, app="""
        import threading

        def key(row):
            return row

        def later():
            pass

        def worker(loop, rows, handlers):
            sorted(rows, key=key)
            loop.call_soon_threadsafe(later)
            handlers.append(later)
            Button(command=later)

        threading.Thread(target=worker, args=(None, [], [])).start()
        """)
    reached = {project.function(ref).name: reach for ref, reach in thread_code(project).items()}
    assert set(reached) == {"worker", "key"}  # `later` runs on the loop, or whenever it is called back
    assert [step.call.text for step in reached["key"].path] == ["sorted"]


def test_callbacks_registered_with_an_object_whose_thread_calls_back_run_in_that_thread(tmp_path: Path) -> None:
    project = project_of(tmp_path, app="""
        import threading

        class Source:
            handler = None

            def subscribe(self, handler):
                self.handler = handler
                threading.Thread(target=self._pump).start()

            def _pump(self):
                self.handler(1)

        class Quiet:
            def subscribe(self, handler):
                pass

            def start(self):
                threading.Thread(target=self._pump).start()

            def _pump(self):
                pass

        def on_item(item):
            pass

        def on_quiet(item):
            pass

        def main():
            Source().subscribe(on_item)
            Quiet().subscribe(on_quiet)
        """)
    reached = {project.function(ref).name for ref in thread_code(project)}
    assert reached == {"_pump", "on_item"}


def test_reach_stops_after_max_depth_calls(tmp_path: Path) -> None:
    chain = "\n".join(f"def f{i}():\n    f{i + 1}()\n" for i in range(MAX_DEPTH + 2))
    project = project_of(tmp_path, app=f"import threading\n\n{chain}\nthreading.Thread(target=f0).start()\n")
    depths = sorted(len(reach.path) for reach in thread_code(project).values())
    assert depths == list(range(MAX_DEPTH + 1))

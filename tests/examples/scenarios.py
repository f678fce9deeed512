"""Runtime scenarios for the examples, run in an inner pytest session under the loopsafe plugin.

``test_run_examples.py`` copies this file into a temporary folder and runs it
with ``--loopsafe-blocking=fail --loopsafe-leaks=fail``, once with
``LOOPSAFE_EXAMPLES=good`` and once with ``broken``. A scenario states what the
correct form of a pattern does; the broken form must fail the same scenario
the way the material's bug fails. ``test_<stem>`` drives both forms of an
example the same way; ``test_good_<stem>`` / ``test_broken_<stem>`` drive one
form where the two are called differently. Process examples run once per start
method: through the plugin's ``process_pool`` where the example takes a pool,
through ``start_method`` below where it starts ``multiprocessing.Process``
itself.
"""

import asyncio
import importlib
import multiprocessing
import os

import pytest

from examples.demo_site import page_lengths

START_METHODS = ["spawn", "forkserver", "fork"]


def example(stem):
    return importlib.import_module(f"examples.{os.environ['LOOPSAFE_EXAMPLES']}.{stem}")


def started(pool):
    """The pool with its workers running.

    A fresh ``ProcessPoolExecutor`` starts its workers inside ``submit``, on the
    calling thread: the first ``run_in_executor`` would start them on the event
    loop's thread, and under spawn or forkserver that can hold the loop past the
    threshold (the plugin rightly reports it). A server starts its pool before
    it serves; so do these scenarios. Enough items to make every worker start.
    """
    list(pool.map(abs, range(8)))
    return pool


@pytest.fixture(params=START_METHODS)
def start_method(request):
    """The process-wide default start method for the test, restored afterwards."""
    previous = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method(request.param, force=True)
    yield request.param
    multiprocessing.set_start_method(previous, force=True)


def test_p01_coroutine():
    example("p01_coroutine").main()


def test_p02_event_loop(thread_pool):
    # a worker thread has no event loop: asyncio.run makes one, get_event_loop() has none to give
    assert thread_pool.submit(example("p02_event_loop").main).result() == "done"


def test_good_p02_event_loop():
    assert example("p02_event_loop").main_with_runner() == ["done", "done"]


def test_p03_gather(thread_loop):
    assert thread_loop.run(example("p03_gather").main()) == [1, 2]


def test_p04_thread():
    example("p04_thread").main()


def test_p05_thread_lock():
    assert example("p05_thread_lock").main() == 10


def test_good_p06_process(start_method):
    assert example("p06_process").main() == 0


def test_good_p07_process_queue(start_method):
    assert example("p07_process_queue").main() == [0, 0]


def test_p08_run_in_executor(thread_loop):
    assert thread_loop.run(example("p08_run_in_executor").main()) == 42


def test_p09_loop_in_thread():
    example("p09_loop_in_thread").main()


@pytest.mark.loopsafe(start_methods=START_METHODS)
def test_good_p10_async_process_pool(process_pool):
    results = asyncio.run(example("p10_async_process_pool").compute(started(process_pool), range(5)))
    assert results == [0, 1, 4, 9, 16]


def test_broken_p10_async_process_pool():
    assert asyncio.run(example("p10_async_process_pool").main()) == [0, 1, 4, 9, 16]


def test_good_p11_loop_in_process(start_method):
    assert example("p11_loop_in_process").main() == 0


@pytest.mark.loopsafe(start_methods=START_METHODS)
def test_good_p12_crawler(process_pool):
    assert asyncio.run(example("p12_crawler").crawl_local_site(started(process_pool))) == page_lengths()


def crawl_with_own_pool(stem):
    """The material's crawler makes its pool inside the coroutine."""
    return asyncio.run(example(stem).crawl_local_site())


def test_broken_p12_crawler():
    assert crawl_with_own_pool("p12_crawler") == page_lengths()


def test_broken_p12_crawler_lambda():
    assert crawl_with_own_pool("p12_crawler_lambda") == page_lengths()


def test_p13_server():
    found, undecodable = example("p13_server").main()
    assert found.startswith(b"Database result: ('alice'")
    assert undecodable.startswith(b"error: ")

"""Workers are forked only from a process with one thread: fork copies the locks other
threads hold, and ``threading`` does not see every thread (execnet's, under xdist)."""

from __future__ import annotations

import _thread
import sys
import threading

import pytest

from loopsafe.linter import pipeline

LINUX = pytest.mark.skipif(sys.platform != "linux", reason="threads are counted through procfs")


@LINUX
def test_a_thread_threading_does_not_know_is_counted():
    started, release = threading.Event(), _thread.allocate_lock()
    release.acquire()

    def hold():
        started.set()
        release.acquire()

    before = pipeline._threads()
    _thread.start_new_thread(hold, ())
    started.wait()
    try:
        assert pipeline._threads() == before + 1
        assert pipeline._start_method().get_start_method() != "fork"
    finally:
        release.release()

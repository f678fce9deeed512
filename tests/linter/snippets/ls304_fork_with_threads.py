# LS304: every spelling of forking in a program that starts threads.
import os
import pty
import threading
from os import fork as os_fork

import multiprocessing as mp


def work():
    return 1


def start_threads():
    t = threading.Thread(target=work)
    t.start()
    return t


def spawn_child():
    pid = os.fork()  # error: LS304
    if pid == 0:
        os._exit(0)
    return pid


def spawn_alias():
    return os_fork()  # error: LS304


def spawn_terminals():
    pty.fork()  # error: LS304
    os.forkpty()  # error: LS304


def pick_fork():
    mp.set_start_method("fork")  # error: LS304
    mp.set_start_method(method="fork", force=True)  # error: LS304
    return mp.get_context("fork")  # error: LS304


if __name__ == "__main__":
    start_threads()
    spawn_child()

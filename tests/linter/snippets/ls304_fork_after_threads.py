# LS304: a module-level fork after a thread has started (compare ls304_fork_first.py).
import os
import threading


def work():
    return 1


def start():
    threading.Thread(target=work).start()


start()
pid = os.fork()  # error: LS304

"""Pattern 6, broken: a process started at module level, with no ``__main__`` guard.

Under ``spawn`` (Windows, macOS) and ``forkserver`` (the Linux default from
Python 3.14) the child re-imports this module to find ``worker``; the re-import
runs the module-level ``start()`` again, inside a child that has not finished
starting, and multiprocessing refuses with a RuntimeError. Under ``fork`` it
happens to work, which is why the material believed Unix needs no guard.
"""

import multiprocessing
import time


def worker():
    print("Process started")
    # stands in for some work
    time.sleep(0.1)
    print("Process finished")


p = multiprocessing.Process(target=worker)
p.start()  # error: LS301

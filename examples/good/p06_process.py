"""Pattern 6: start a process from under ``if __name__ == "__main__":``.

Under the ``spawn`` and ``forkserver`` start methods the child imports this
module again to find ``worker``. Everything at module level runs again in the
child, so the code that starts processes must sit under the guard, where it
runs only in the parent. ``spawn`` is the default on Windows and macOS (since
3.8), ``forkserver`` on Linux from Python 3.14: the guard is needed everywhere.
"""

import multiprocessing
import time


def worker():
    print("Process started")
    # stands in for some work
    time.sleep(0.1)
    print("Process finished")


def main():
    p = multiprocessing.Process(target=worker)
    p.start()
    p.join()
    return p.exitcode


if __name__ == "__main__":
    main()

"""Pattern 5: threads that update a shared counter do it under a ``threading.Lock``.

``shared_variable += 1`` is a read followed by a write; another thread may run
between the two and its update is then lost. The lock makes read-and-write one
step. The read and the write are spelled out here, with a short pause between
them standing in for real work, and the threads start together (the barrier),
so that ``broken/p05_thread_lock.py``, the same code without the lock, loses
updates every time instead of once in a while.
"""

import threading
import time

THREADS = 10

lock = threading.Lock()
shared_variable = 0


def increment(start):
    global shared_variable
    start.wait()
    with lock:
        current = shared_variable
        time.sleep(0.01)
        shared_variable = current + 1
        print(f"Incremented: {shared_variable}")


def main():
    global shared_variable
    shared_variable = 0
    start = threading.Barrier(THREADS)
    threads = []
    for _ in range(THREADS):
        t = threading.Thread(target=increment, args=(start,))
        threads.append(t)
        t.start()
    for t in threads:
        t.join()
    return shared_variable


if __name__ == "__main__":
    print(main())

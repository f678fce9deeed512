"""Pattern 5, broken: threads update a shared counter without a lock.

Each thread reads the counter, pauses (standing in for real work; in
``shared_variable += 1`` the gap is shorter but just as real), then writes what
it read plus one. Without the lock, threads read the same value and overwrite
each other's update: ten increments end well short of ten. No lint rule flags
this; the result shows it. Hold a ``threading.Lock`` (``good/p05_thread_lock.py``).
"""

import threading
import time

THREADS = 10

shared_variable = 0


def increment(start):
    global shared_variable
    start.wait()
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

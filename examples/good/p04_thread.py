"""Pattern 4: start a thread, and join it.

A thread that is never joined may still be running when the program (or a
test) moves on: its output arrives late, its errors are lost, and a test
leaks it into the next one. ``join()`` waits for it to finish.
"""

import threading
import time


def worker():
    print("Thread started")
    # stands in for some work
    time.sleep(0.2)
    print("Thread finished")


def main():
    t = threading.Thread(target=worker)
    t.start()
    t.join()


if __name__ == "__main__":
    main()

"""Pattern 4, broken: a thread that is started and never joined.

As printed in the material. ``main()`` returns while ``worker`` still runs:
the caller cannot know when the work is done or whether it failed, and a test
that calls ``main()`` leaks the thread (the loopsafe plugin reports it as a
``leaked-thread``). No lint rule flags this; the plugin's leak check does.
The work takes a second here, longer than the plugin's grace period for
threads that are just finishing. Join the thread (``good/p04_thread.py``).
"""

import threading
import time


def worker():
    print("Thread started")
    # stands in for some work
    time.sleep(1.0)
    print("Thread finished")


def main():
    t = threading.Thread(target=worker)
    t.start()  # runtime: leaked-thread


if __name__ == "__main__":
    main()

"""Pattern 7, broken: the consumer dies, and the producer blocks forever on a bounded queue.

The material's producer/consumer, with two changes that real pipelines have:
the queue is bounded (so a fast producer cannot fill memory) and the consumer
can fail on an item (here the first one, a division by zero). Once the
consumer is dead nothing takes items off the queue, the producer's ``put``
waits for room forever, and so does the parent's ``p1.join()``. No lint rule
flags this. The fix: never wait on one process alone; wait on both sentinels
with ``multiprocessing.connection.wait`` and stop the producer when the
consumer is gone, or ``put`` with a timeout.
"""

import multiprocessing


def producer(queue):
    for i in range(5):
        queue.put(i)
        print(f"Produced: {i}")


def consumer(queue):
    while True:
        item = queue.get()
        if item is None:
            break
        print(f"Consumed: {100 // item}")


def main():
    queue = multiprocessing.Queue(maxsize=2)
    p1 = multiprocessing.Process(target=producer, args=(queue,))
    p2 = multiprocessing.Process(target=consumer, args=(queue,))
    p1.start()
    p2.start()
    p1.join()
    queue.put(None)
    p2.join()
    return [p1.exitcode, p2.exitcode]


if __name__ == "__main__":
    main()

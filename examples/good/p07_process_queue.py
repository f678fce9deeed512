"""Pattern 7: producer and consumer processes over a ``multiprocessing.Queue``.

The producer puts five items; once it is done the parent puts a ``None``
sentinel that tells the consumer to stop. Right as printed in the material
(including the guard). See ``broken/p07_process_queue.py`` for what a consumer
that dies does to a producer on a bounded queue.
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
        print(f"Consumed: {item}")


def main():
    queue = multiprocessing.Queue()
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

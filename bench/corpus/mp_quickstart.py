"""Tutorial script: square numbers in worker processes."""
import multiprocessing
import os


def worker(n):
    print(f"pid {os.getpid()}: {n * n}")


processes = []
for i in range(4):
    p = multiprocessing.Process(target=worker, args=(i,))
    p.start()  # expect: LS3
    processes.append(p)

for p in processes:
    p.join()

import multiprocessing as mp
import sys
from concurrent.futures import ProcessPoolExecutor


def work(x):
    return x * 2


if __name__ == "__main__" and len(sys.argv) > 1:
    with ProcessPoolExecutor() as ex:
        ex.map(lambda x: x, range(3))  # error: LS302
    ex.submit(work, 1)

procs = [mp.Process(target=work, args=(i,)) for i in range(2)]
for p in procs:
    p.start()  # error: LS301

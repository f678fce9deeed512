"""Nightly ETL: extract with processes, started from a main() that the module calls itself."""
import multiprocessing as mp
import time


def extract(shard, out):
    out.put((shard, [shard * 10 + i for i in range(3)]))


def main():
    out = mp.Queue()
    workers = [mp.Process(target=extract, args=(s, out)) for s in range(4)]
    for w in workers:
        w.start()
    rows = dict(out.get() for _ in workers)
    for w in workers:
        w.join()
    print(time.strftime("%H:%M:%S"), rows)


main()  # expect: LS3

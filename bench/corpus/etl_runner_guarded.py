"""Nightly ETL, fixed: the module only starts processes when run as a script."""
import multiprocessing as mp
import time


def extract(shard, out):
    out.put((shard, [shard * 10 + i for i in range(3)]))


def main():
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    workers = [ctx.Process(target=extract, args=(s, out)) for s in range(4)]
    for w in workers:
        w.start()
    rows = dict(out.get() for _ in workers)
    for w in workers:
        w.join()
    print(time.strftime("%H:%M:%S"), rows)


if __name__ == "__main__":
    main()

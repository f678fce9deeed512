# LS302: `get_context("fork")` forks only what is made from that context; the module's
# other processes and pools keep the default start method, and pickle their callables.
import logging
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor


def export(path):
    return path


def main(path):
    def init():
        logging.basicConfig()

    ctx = mp.get_context("fork")
    forked = ctx.Process(target=lambda: export(path))
    forked.start()
    with ProcessPoolExecutor(mp_context=ctx, initializer=init) as pool:
        pool.submit(export, path)
    spawned = mp.Process(target=lambda: export(path))  # error: LS302
    spawned.start()
    with ProcessPoolExecutor(initializer=init) as pool:  # error: LS302
        pool.submit(export, path)


if __name__ == "__main__":
    main("out.txt")

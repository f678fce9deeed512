# LS302 negative: a forked child inherits its Process target, nothing is pickled.
# (A pool still pickles its tasks, whatever the start method.)
import multiprocessing


def main():
    def inner():
        return 1

    multiprocessing.set_start_method("fork")
    p = multiprocessing.Process(target=inner)
    p.start()
    p.join()
    with multiprocessing.Pool(2) as pool:
        pool.apply(lambda: 1)  # error: LS302


if __name__ == "__main__":
    main()

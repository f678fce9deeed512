# LS304 negative: a program that forks and starts no thread and no loop.
import multiprocessing
import os


def work():
    return 1


def fork_only():
    pid = os.fork()
    if pid == 0:
        os._exit(work())
    os.waitpid(pid, 0)


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    fork_only()
    with multiprocessing.Pool(2) as pool:
        pool.map(work, [])

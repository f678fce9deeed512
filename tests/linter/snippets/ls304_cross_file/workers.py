import multiprocessing


def use_fork():
    multiprocessing.set_start_method("fork")  # error: LS304

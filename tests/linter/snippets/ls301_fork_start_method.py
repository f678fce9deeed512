# LS301 negative: a module that selects the fork start method is not re-imported by
# its children, so starting at import time works (if nothing else is wrong with it).
import multiprocessing


def worker():
    return 1


multiprocessing.set_start_method("fork")
p = multiprocessing.Process(target=worker)
p.start()
p.join()

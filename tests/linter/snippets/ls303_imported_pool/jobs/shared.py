import multiprocessing

WORKERS = multiprocessing.Pool(2)  # error: LS301

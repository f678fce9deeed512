# `python -m jobs`: multiprocessing never runs a package's __main__ again in a child,
# so starting the pool at its top level is safe.
from jobs import run_batch

print(run_batch([1, 2, 3]))

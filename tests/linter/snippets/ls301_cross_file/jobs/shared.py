# A library module that starts a pool when it is imported: every child that
# imports it (to find a function defined here) starts another one.
import multiprocessing

POOL = multiprocessing.Pool(2)  # error: LS301

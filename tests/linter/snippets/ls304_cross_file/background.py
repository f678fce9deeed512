from concurrent.futures import ThreadPoolExecutor

EXECUTOR = ThreadPoolExecutor(4)

import multiprocessing
import threading


def start_workers():
    pool = multiprocessing.Pool(4)
    pool.map(print, range(4))


def log_only():
    print("started")


threading.Thread(target=start_workers, daemon=True).start()  # error: LS301
threading.Thread(target=log_only, daemon=True).start()

if __name__ == "__main__":
    threading.Thread(target=start_workers).start()

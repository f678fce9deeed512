# LS304 negative: a program that forks and starts no thread and no event loop (a
# websocket-client app's `run_forever()` is its own blocking loop, not asyncio's).
import multiprocessing
import os


def work():
    return 1


def listen(ws):
    ws.run_forever()


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

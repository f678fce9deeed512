"""A supervisor that keeps a heartbeat thread and forks workers (as first written)."""
import asyncio
import os
import signal
import threading
import time

HEARTBEAT_FILE = "/tmp/supervisor.heartbeat"


def heartbeat():
    while True:
        with open(HEARTBEAT_FILE, "w") as fh:
            fh.write(str(time.time()))
        time.sleep(5)


def serve_forever(worker_id):
    while True:
        time.sleep(1)


def spawn_worker(worker_id):
    pid = os.fork()  # expect: LS3
    if pid == 0:
        try:
            serve_forever(worker_id)
        finally:
            os._exit(0)
    return pid


def main():
    threading.Thread(target=heartbeat, daemon=True).start()
    children = [spawn_worker(i) for i in range(2)]
    try:
        signal.pause()
    finally:
        for pid in children:
            os.kill(pid, signal.SIGTERM)


if __name__ == "__main__":
    main()

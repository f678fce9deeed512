# LS304 negative: all the forks happen in the loop, the threads only after it.
import os
import threading


def reap(pid):
    os.waitpid(pid, 0)


def main():
    pids = []
    for _ in range(3):
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        pids.append(pid)
    for pid in pids:
        threading.Thread(target=reap, args=(pid,)).start()


if __name__ == "__main__":
    main()

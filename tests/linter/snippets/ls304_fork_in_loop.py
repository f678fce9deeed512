# LS304: each turn forks, then starts a thread: from the second turn on, the fork
# happens while a thread runs.
import os
import threading


def reap(pid):
    os.waitpid(pid, 0)


def main():
    for _ in range(3):
        pid = os.fork()  # error: LS304
        if pid == 0:
            os._exit(0)
        threading.Thread(target=reap, args=(pid,)).start()


if __name__ == "__main__":
    main()

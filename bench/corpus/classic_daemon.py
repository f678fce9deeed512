"""Double-fork daemonisation for a single-threaded tool: no threads, no event loop."""
import os
import sys
import time


def daemonize(pidfile: str) -> None:
    if os.fork() > 0:
        sys.exit(0)
    os.setsid()
    if os.fork() > 0:
        sys.exit(0)
    with open(pidfile, "w") as fh:
        fh.write(str(os.getpid()))


def run() -> None:
    while True:
        time.sleep(60)


if __name__ == "__main__":
    daemonize("/tmp/classic.pid")
    run()

import os

import background


def reload():
    if os.fork() == 0:  # error: LS304
        os.execv("/bin/true", ["true"])


def submit(fn):
    return background.EXECUTOR.submit(fn)

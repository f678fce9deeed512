# LS304 negative: the module forks at import time before anything starts a thread or
# a loop; the threads and the loop come later, in the parent or the child.
import asyncio
import os
import threading


def work():
    return 1


def serve_threads():
    t = threading.Thread(target=work)
    t.start()
    t.join()


async def main():
    await asyncio.sleep(0)


pid = os.fork()
if pid == 0:
    asyncio.run(main())
    os._exit(0)
else:
    serve_threads()
    os.waitpid(pid, 0)

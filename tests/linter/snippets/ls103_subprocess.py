import asyncio
import os
import subprocess as sp
from subprocess import check_output


async def build(path):
    sp.run(["make"], check=True)  # error: LS103
    check_output(["git", "rev-parse", "HEAD"])  # error: LS103
    os.system("ls")  # error: LS103
    proc = sp.Popen(["sleep", "1"])
    proc.wait()  # error: LS103
    proc.communicate()  # error: LS103
    os.waitpid(proc.pid, 0)  # error: LS103
    aproc = await asyncio.create_subprocess_exec("make")
    await aproc.wait()
    return proc

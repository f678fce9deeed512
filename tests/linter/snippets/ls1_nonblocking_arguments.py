import multiprocessing as mp
import os
import select
import threading


async def poll_children(conn: "mp.connection.Connection", sock, ev: threading.Event, t: threading.Thread):
    while not conn.poll():
        pass
    conn.recv()  # error: LS108
    ev.wait(0)
    ev.wait(5)  # error: LS107
    t.join(0)
    select.select([sock], [], [], 0)
    select.select([sock], [], [])  # error: LS102
    os.waitpid(-1, os.WNOHANG)
    os.waitpid(-1, 0)  # error: LS103
    os.spawnv(os.P_NOWAIT, "/bin/true", ["true"])
    os.spawnv(os.P_WAIT, "/bin/true", ["true"])  # error: LS103

import concurrent.futures
import sqlite3
import subprocess
import threading
from pathlib import Path

BASE = Path(__file__).parent


def get_conn() -> sqlite3.Connection:
    return sqlite3.connect("app.db")


def make_session():
    import requests

    return requests.Session()


class Base:
    def save(self):
        with open("state", "w") as f:
            f.write("1")


class Child(Base):
    async def save_async(self):
        super().save()  # error: LS104


async def handler(items):
    (BASE / "config.toml").read_text()  # error: LS104
    conn = get_conn()  # error: LS105
    conn.execute("select 1")  # error: LS105
    make_session().get("https://example.org")  # error: LS102
    threads = [threading.Thread(target=print) for _ in items]
    for t in threads:
        t.join()  # error: LS107
    with concurrent.futures.ThreadPoolExecutor() as pool:
        futures = [pool.submit(abs, i) for i in items]
        for f in concurrent.futures.as_completed(futures):  # error: LS108
            f.result()  # error: LS108
        list(pool.map(abs, items))  # error: LS108
    proc = subprocess.Popen(["cat"], stdout=subprocess.PIPE)
    proc.stdout.read()  # error: LS104
    time_left = items[0]
    return time_left

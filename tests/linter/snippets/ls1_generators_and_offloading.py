import asyncio
import functools
import sqlite3

from channels.db import database_sync_to_async


def iterfile(path):
    with open(path, "rb") as f:
        yield from f


def read_rows(path):
    with open(path) as f:
        for line in f:
            yield line.split(",")


@database_sync_to_async
def get_user(uid):
    return sqlite3.connect("db").execute("select 1").fetchone()


def run_in_thread(fn):
    @functools.wraps(fn)
    async def wrapper(*args):
        return await asyncio.to_thread(fn, *args)

    return wrapper


@run_in_thread
def load(path):
    with open(path) as f:
        return f.read()


async def stream(path, response_class):
    body = iterfile(path)
    rows = [row for row in read_rows(path)]  # error: LS104
    for row in read_rows(path):  # error: LS104
        print(row)
    users = await asyncio.gather(get_user(1), get_user(2))
    task = asyncio.create_task(load(path))
    return response_class(body), rows, users, await task

import sqlite3

import requests
from time import sleep

from sqlalchemy.orm import sessionmaker

session = requests.Session()
SessionLocal = sessionmaker()


def load_config(path="config.toml"):
    with open(path) as f:
        return f.read()


def register(value):
    return lambda fn: fn


async def comprehensions(sessions, urls):
    return [await session.get(u) for session, u in zip(sessions, urls)]


def outer():
    session = None

    async def inner(u):
        nonlocal session
        return await session.get(u)

    return inner


async def matching(command):
    match command:
        case {"fn": sleep}:
            sleep(1)


@register(load_config("schema.json"))
async def handler(request, config=load_config()):
    db = SessionLocal()
    db.query("users")  # error: LS105
    with SessionLocal() as db2:
        db2.execute("select 1")  # error: LS105
    return request, config

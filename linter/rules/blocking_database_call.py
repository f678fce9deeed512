"""# LS105 blocking-database-call

## What it does
Checks for calls into synchronous database drivers in a coroutine: `sqlite3`, `psycopg2`/`psycopg`, `pymysql`, `MySQLdb`, `mysql.connector`, `pymongo`, `redis`, SQLAlchemy's synchronous engine, session, `sessionmaker`, `scoped_session` and `Query`, and the Django ORM (a queryset's `get`, `first`, `count`, `exists`, `create`, `update`, `delete`, `list()`/`len()`/`bool()` of one, a model's `save`/`delete`), including methods on connections and cursors whose type is known from `connect()` or an annotation.

## Why is this bad?
A query waits on the database server (or the disk, for SQLite). A slow query, a lock wait or a network hiccup then stops the whole event loop, not just the request that made it.

## Example
```python
import sqlite3

async def count_users(db):
    conn = sqlite3.connect(db)
    return conn.execute("select count(*) from users").fetchone()
```

## Use instead
```python
import asyncio, sqlite3

def _count_users(db):
    with sqlite3.connect(db) as conn:
        return conn.execute("select count(*) from users").fetchone()

async def count_users(db):
    return await asyncio.to_thread(_count_users, db)
```
"""

from ..catalogue import Kind
from ._blocking import BlockingRule


class BlockingDatabaseCall(BlockingRule):
    code = "LS105"
    name = "blocking-database-call"
    summary = "a synchronous database driver on the event loop"
    kind = Kind.DATABASE


RULE = BlockingDatabaseCall()

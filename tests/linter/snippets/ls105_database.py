import sqlite3
from sqlite3 import connect as sqlite_connect

import psycopg2


async def count(db, conn: sqlite3.Connection):
    conn.execute("select 1")  # error: LS105
    con = sqlite_connect(db)  # error: LS105
    cur = con.cursor()
    cur.execute("select * from t")  # error: LS105
    rows = cur.fetchall()  # error: LS105
    con.commit()  # error: LS105
    pg = psycopg2.connect("dbname=x")  # error: LS105
    pg.cursor().execute("select 1")  # error: LS105
    return rows


async def fine(pool):
    async with pool.acquire() as conn:
        return await conn.fetch("select 1")

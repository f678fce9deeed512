import MySQLdb
import mysql.connector
import psycopg
import psycopg2
import psycopg2.extras
import pymongo
import pymysql
import redis
import redis.asyncio as aioredis
from motor.motor_asyncio import AsyncIOMotorClient
from psycopg_pool import ConnectionPool
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session, scoped_session, sessionmaker

cache = redis.Redis(host="localhost")
engine = create_engine("postgresql://app@db/app")
SessionLocal = sessionmaker(bind=engine)
db_session = scoped_session(SessionLocal)
pool = ConnectionPool("dbname=app")


async def redis_calls(key: str):
    cache.setex(key, 60, "v")  # error: LS105
    client = redis.Redis.from_url("redis://localhost")
    value = client.get(key)  # error: LS105
    pipe = client.pipeline()
    pipe.incr(key)
    pipe.execute()  # error: LS105
    with client.lock("jobs"):  # error: LS105
        pass
    pubsub = client.pubsub()
    message = pubsub.get_message()
    waited = pubsub.get_message(timeout=5.0)  # error: LS105
    fast = aioredis.Redis()
    await fast.set(key, "v")
    return value, message, waited


async def mongo_calls(user_id: str):
    client = pymongo.MongoClient("mongodb://db")  # error: LS105
    orders = client.shop.orders
    doc = orders.find_one({"_id": user_id})  # error: LS105
    orders.update_one({"_id": user_id}, {"$set": {"seen": True}})  # error: LS105
    cursor = orders.find({"user": user_id}).sort("date")
    rows = list(cursor)  # error: LS105
    for order in orders.find({"user": user_id}):  # error: LS105
        print(order)
    motor = AsyncIOMotorClient("mongodb://db")
    await motor.shop.orders.find_one({"_id": user_id})
    return doc, rows


async def postgres_calls(user_id: int):
    conn = psycopg2.connect("dbname=app")  # error: LS105
    cur = conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor)
    cur.execute("select * from users where id = %s", (user_id,))  # error: LS105
    rows = cur.fetchall()
    psycopg2.extras.execute_values(cur, "insert into t values %s", [(1,)])  # error: LS105
    conn.commit()  # error: LS105
    with psycopg.connect("dbname=app") as conn3:  # error: LS105
        conn3.execute("select 1")  # error: LS105
    with pool.connection() as pooled:  # error: LS105
        pooled.execute("select 1")  # error: LS105
    async with await psycopg.AsyncConnection.connect("dbname=app") as aconn:
        await aconn.execute("select 1")
    return rows


async def mysql_calls():
    conn = pymysql.connect(host="db", user="app")  # error: LS105
    with conn.cursor() as cur:
        cur.execute("select 1")  # error: LS105
    conn.commit()  # error: LS105
    legacy = MySQLdb.connect(host="db")  # error: LS105
    legacy.cursor().execute("select 1")  # error: LS105
    oracle = mysql.connector.connect(host="db")  # error: LS105
    ocur = oracle.cursor()
    ocur.execute("select 1")  # error: LS105
    return ocur.fetchall()  # error: LS105


async def sqlalchemy_calls(user_id: int):
    with engine.connect() as conn:  # error: LS105
        conn.execute(text("select 1"))  # error: LS105
    with Session(engine) as session:
        user = session.get(dict, user_id)  # error: LS105
        session.commit()  # error: LS105
    db = SessionLocal()
    rows = db.execute(select(1)).all()  # error: LS105
    db_session.add(user)
    db_session.commit()  # error: LS105
    names = db_session.query(str).filter_by(id=user_id).all()  # error: LS105
    return rows, names


def sync_job():
    cache.delete("k")
    engine.dispose()

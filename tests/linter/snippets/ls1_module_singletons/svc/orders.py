from sqlalchemy import text

from svc.database import SessionLocal, engine


async def list_orders():
    db = SessionLocal()
    rows = db.execute(text("select * from orders")).all()  # error: LS105
    with engine.connect() as conn:  # error: LS105
        conn.execute(text("select 1"))  # error: LS105
    with SessionLocal() as session:
        session.commit()  # error: LS105
    return rows

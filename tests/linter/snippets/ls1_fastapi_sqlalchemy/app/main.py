from django.contrib.auth.models import User
from fastapi import Depends, FastAPI
from sqlalchemy.orm import Session

from app.db import Base, engine, get_db

api = FastAPI()


@api.on_event("startup")
async def startup() -> None:
    Base.metadata.create_all(bind=engine)  # error: LS105
    engine.execute("select 1")  # error: LS105


@api.get("/users/{user_id}")
async def read_user(user_id: int, db: Session = Depends(get_db)):
    user = db.query(User).filter(User.id == user_id).first()  # error: LS105
    User.objects.create_user("bob", password="x")  # error: LS105
    return user


@api.get("/health")
def health(db: Session = Depends(get_db)):
    return db.execute("select 1").scalar()

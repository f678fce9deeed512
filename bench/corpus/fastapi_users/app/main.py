"""User service: FastAPI routes over the sqlite3 layer in db.py."""
from __future__ import annotations

import asyncio
import logging

from fastapi import BackgroundTasks, FastAPI, HTTPException
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from . import db
from .settings import SETTINGS, feature_enabled, load_settings

log = logging.getLogger(__name__)
app = FastAPI()


class NewUser(BaseModel):
    email: str
    name: str


@app.get("/users/{user_id}")
async def read_user(user_id: int):
    user = db.get_user(user_id)  # expect: LS1
    if user is None:
        raise HTTPException(status_code=404)
    return user


@app.get("/users")
def read_users(limit: int = 50):
    # A plain def route: FastAPI runs it in its thread pool.
    return db.list_users(limit)


@app.post("/users", status_code=201)
async def create_user(payload: NewUser, background: BackgroundTasks):
    email = db.normalise_email(payload.email)
    user_id = await run_in_threadpool(db.insert_user, email, payload.name)
    background.add_task(log.info, "created user %s", user_id)
    return {"id": user_id}


@app.get("/users/{user_id}/profile")
async def read_profile(user_id: int):
    user = await asyncio.to_thread(db.get_user, user_id)
    if user is None:
        raise HTTPException(status_code=404)
    return {"name": user.name, "beta": feature_enabled(SETTINGS, "beta")}


@app.post("/admin/reload")
async def reload_settings():
    fresh = load_settings()  # expect: LS1
    SETTINGS.clear()
    SETTINGS.update(fresh)
    return {"keys": sorted(SETTINGS)}


@app.get("/health")
async def health():
    return {"ok": True, "features": sorted(SETTINGS.get("features", {}))}

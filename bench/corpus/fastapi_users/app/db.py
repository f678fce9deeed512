"""Thin sqlite3 data-access layer shared by the API and the admin scripts."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass

DB_PATH = "users.db"


@dataclass
class User:
    id: int
    email: str
    name: str


def connect() -> sqlite3.Connection:
    conn = sqlite3.connect(DB_PATH, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn


def get_user(user_id: int) -> User | None:
    with closing(connect()) as conn:
        row = conn.execute("SELECT id, email, name FROM users WHERE id = ?", (user_id,)).fetchone()
    return User(**row) if row else None


def list_users(limit: int = 50) -> list[User]:
    with closing(connect()) as conn:
        rows = conn.execute("SELECT id, email, name FROM users LIMIT ?", (limit,)).fetchall()
    return [User(**r) for r in rows]


def insert_user(email: str, name: str) -> int:
    with closing(connect()) as conn:
        cur = conn.execute("INSERT INTO users (email, name) VALUES (?, ?)", (email, name))
        conn.commit()
        return cur.lastrowid


def normalise_email(email: str) -> str:
    local, _, domain = email.strip().partition("@")
    return f"{local}@{domain.lower()}"

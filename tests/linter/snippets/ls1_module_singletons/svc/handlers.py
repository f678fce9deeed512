from svc import db
from svc.db import Repo, conn, http


async def handle(repo: Repo):
    http.get("https://example.org")  # error: LS102
    conn.execute("select 1")  # error: LS105
    db.conn.commit()  # error: LS105
    repo.db.execute("select 2")  # error: LS105
    db.http.headers.update({})

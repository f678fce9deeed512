"""Elements of values whose type another module knows: the project pass takes the step."""
import db


async def handler(host: str) -> None:
    for conn in db.connections():  # error: LS105
        conn.execute("select 1")  # error: LS105
    for name in db.names():
        name.upper()
    first, second = db.connections()  # error: LS105
    second.commit()  # error: LS105
    client = db.ssh(host)
    _, stdout, _ = client.exec_command("uptime")  # error: LS102
    stdout.read()  # error: LS102

import sqlite3

import paramiko


def connections() -> list[sqlite3.Connection]:
    return [sqlite3.connect("a.db"), sqlite3.connect("b.db")]


def names() -> list[str]:
    return ["a", "b"]


def ssh(host: str) -> paramiko.SSHClient:
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    return client

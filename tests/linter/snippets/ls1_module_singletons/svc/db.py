import sqlite3

import requests

http = requests.Session()
conn = sqlite3.connect(":memory:")


class Repo:
    @property
    def db(self) -> sqlite3.Connection:
        return conn

import http.client
import socket
import urllib.request
from urllib.request import urlopen

import httpx
import requests
from requests import Session


class Api:
    def __init__(self, base: str):
        self.base = base
        self.session = requests.Session()
        self.client = httpx.AsyncClient()

    async def user(self, uid):
        return self.session.get(f"{self.base}/users/{uid}")  # error: LS102

    async def user_async(self, uid):
        return await self.client.get(f"{self.base}/users/{uid}")


async def fetch(url, sock: socket.socket):
    requests.get(url)  # error: LS102
    requests.post(url, json={})  # error: LS102
    urllib.request.urlopen(url)  # error: LS102
    urlopen(url).read()  # error: LS102, LS102
    s = Session()
    s.put(url)  # error: LS102
    conn = http.client.HTTPSConnection("example.org")
    conn.request("GET", "/")  # error: LS102
    conn.getresponse()  # error: LS102
    httpx.get(url)  # error: LS102
    sock.recv(1024)  # error: LS102
    raw = socket.create_connection(("example.org", 80))  # error: LS102
    raw.sendall(b"x")  # error: LS102
    socket.getaddrinfo("example.org", 80)  # error: LS102


async def fine(url, reader):
    async with httpx.AsyncClient() as client:
        await client.get(url)
    await reader.read(100)
    data = requests.Request("GET", url)
    return data.prepare()

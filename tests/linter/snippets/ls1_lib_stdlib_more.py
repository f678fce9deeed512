import bz2
import ftplib
import gzip
import imaplib
import io
import json
import os
import pickle
import poplib
import shelve
import smtplib
import sys
import tarfile
import zipfile
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from urllib import robotparser


async def mail(message, host: str):
    with smtplib.SMTP_SSL(host, 465) as smtp:  # error: LS102
        smtp.login("user", "secret")  # error: LS102
        smtp.noop()  # error: LS102
        smtp.send_message(message)  # error: LS102
    server = smtplib.SMTP()
    server.set_debuglevel(1)
    inbox = imaplib.IMAP4_SSL(host)  # error: LS102
    inbox.select("INBOX")  # error: LS102
    pop = poplib.POP3_SSL(host)  # error: LS102
    count = pop.stat()  # error: LS102
    ftp = ftplib.FTP(host)  # error: LS102
    ftp.cwd("/pub")  # error: LS102
    names = ftp.nlst()  # error: LS102
    robots = robotparser.RobotFileParser("https://example.com/robots.txt")
    robots.read()  # error: LS102
    return count, names


async def files(path: str, data: dict, raw: bytes):
    with open(path) as f:  # error: LS104
        config = json.load(f)  # error: LS104
    json.dump(data, sys.stdout)
    json.dump(data, io.StringIO())
    text = json.dumps(data)
    state = pickle.load(io.BytesIO(raw))
    with gzip.open(path + ".gz", "rt") as gz:  # error: LS104
        content = gz.read()  # error: LS104
    unpacked = gzip.decompress(raw)
    in_memory = gzip.GzipFile(fileobj=io.BytesIO(raw))
    bz = bz2.open(path + ".bz2")  # error: LS104
    with zipfile.ZipFile(path + ".zip") as archive:  # error: LS104
        archive.extractall("/tmp/out")  # error: LS104
    uploaded = zipfile.ZipFile(io.BytesIO(raw))
    with tarfile.open(path + ".tar.gz") as tar:  # error: LS104
        tar.extractall("/tmp/out")  # error: LS104
    with shelve.open("/tmp/db") as db:  # error: LS104
        db.sync()  # error: LS104
    os.remove(path)  # error: LS104
    os.makedirs("/tmp/out", exist_ok=True)  # error: LS104
    entries = os.listdir("/tmp/out")  # error: LS104
    Path(path).unlink()
    joined = os.path.join("/tmp", "out")
    return config, text, state, content, unpacked, in_memory, bz, uploaded, entries, joined


def square(x: int) -> int:
    return x * x


async def pools(values: list[int]):
    with ProcessPoolExecutor() as pool:  # error: LS108
        results = list(pool.map(square, values))  # error: LS108
    with ThreadPoolExecutor() as threads:
        threads.submit(square, 1)
    return results

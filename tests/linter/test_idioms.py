"""Code that tells its non-blocking case apart itself, and names matched on receivers of
unknown type: exact codes and lines, each idiom with the case that is still reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loopsafe.linter.cli import main


@pytest.fixture
def check(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)

    def run(source: str) -> list[tuple[int, str]]:
        Path("app.py").write_text(source)
        main(["check", "--no-cache", "--format", "json", "app.py"])
        return [(d["line"], d["code"]) for d in json.loads(capsys.readouterr().out)["diagnostics"]]
    return run


SPOOLED = '''\
from typing import BinaryIO

from starlette.concurrency import run_in_threadpool


class Upload:
    def __init__(self, file: BinaryIO):
        self.file = file

    async def write(self, data: bytes, rolled: bool) -> None:
        if rolled:
            await run_in_threadpool(self.file.write, data)
        else:
            self.file.write(data)

    async def read(self, size: int, in_memory: bool) -> bytes:
        if in_memory:
            return self.file.read(size)
        return await run_in_threadpool(self.file.read, size)

    async def flush(self, small: bool) -> None:
        if small:
            self.file.read(1)
        await run_in_threadpool(self.file.flush)
        self.file.flush()
'''


def test_a_call_the_same_coroutine_sends_to_a_thread_in_another_branch_is_its_fast_path(check) -> None:
    # write and read: one branch offloads, the other calls directly (starlette's UploadFile);
    # read in flush(): conditional, but that coroutine offloads only flush; the last flush:
    # offloaded above, yet unconditional
    assert check(SPOOLED) == [(23, "LS104"), (25, "LS104")]


HELPER = '''\
import asyncio


def load(path):
    with open(path) as f:
        return f.read()


async def main(path, cached):
    if cached:
        return load(path)
    return await asyncio.to_thread(load, path)


async def other(path, cached):
    if cached:
        return load(path)
    return await asyncio.to_thread(print, path)
'''


def test_a_helper_offloaded_in_the_other_branch_is_not_reported(check) -> None:
    assert check(HELPER) == [(17, "LS104")]


SCHEDULED = '''\
import asyncio
import time


class Hub:
    def call_soon(self, callback):
        callback()


def blocking():
    time.sleep(1)


async def untyped(hub):
    hub.call_soon(blocking)


async def typed(hub: Hub):
    hub.call_soon(blocking)


async def named_like_a_loop(loop, self_loop):
    loop.call_soon(blocking)


async def a_real_loop():
    asyncio.get_running_loop().call_later(1, blocking)
'''


def test_call_soon_on_a_receiver_not_known_to_be_a_loop_is_not_a_loop_callback(check) -> None:
    assert check(SCHEDULED) == [(23, "LS101"), (27, "LS101")]


LOOP_SET_BY_A_CONTEXT_MANAGER = '''\
import asyncio
import contextlib


def setup_test_loop():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    return loop


@contextlib.contextmanager
def loop_context():
    loop = setup_test_loop()
    try:
        yield loop
    finally:
        loop.close()


def target():
    with loop_context() as loop:
        assert asyncio.get_event_loop() is loop
        loop.run_until_complete(asyncio.sleep(0))


def without():
    loop = asyncio.new_event_loop()
    try:
        assert asyncio.get_event_loop() is loop
        loop.run_until_complete(asyncio.sleep(0))
    finally:
        loop.close()
'''


def test_get_event_loop_after_a_helper_set_the_loop_is_not_reported(check) -> None:
    # aiohttp's test_loop.py: loop_context() -> setup_test_loop() -> set_event_loop(loop)
    assert check(LOOP_SET_BY_A_CONTEXT_MANAGER) == [(29, "LS202")]


NUMERIC_HOSTS = '''\
import socket
from socket import AI_NUMERICHOST, getaddrinfo


async def numeric_positional(host):
    return socket.getaddrinfo(host, 80, 0, 0, 0, socket.AI_NUMERICHOST)


async def numeric_imported(host):
    return getaddrinfo(host, 80, flags=AI_NUMERICHOST)


async def other_flags(host):
    return socket.getaddrinfo(host, 80, flags=socket.AI_CANONNAME)


async def no_flags(host):
    return socket.getaddrinfo(host, 80)
'''


def test_getaddrinfo_of_a_numeric_host_parses_it_without_a_lookup(check) -> None:
    assert check(NUMERIC_HOSTS) == [(14, "LS102"), (18, "LS102")]


NON_BLOCKING_SOCKETS = '''\
import socket


async def non_blocking(host):
    sock = socket.socket()
    sock.connect((host, 80))
    sock.setblocking(False)
    sock.send(b"ping")
    return sock.recv(10)


async def zero_timeout(host):
    sock = socket.create_connection((host, 80))
    sock.settimeout(0)
    return sock.recv(10)


async def blocking_again(host):
    sock = socket.socket()
    sock.setblocking(True)
    return sock.recv(10)


async def a_real_timeout(host):
    sock = socket.socket()
    sock.settimeout(5)
    return sock.recv(10)


async def elsewhere(sock: socket.socket):
    return sock.recv(10)
'''


def test_a_socket_set_non_blocking_returns_at_once_from_then_on(check) -> None:
    assert check(NON_BLOCKING_SOCKETS) == [
        (6, "LS102"),  # connected before it was made non-blocking
        (13, "LS102"),  # create_connection itself connects
        (21, "LS102"), (27, "LS102"), (31, "LS102")]

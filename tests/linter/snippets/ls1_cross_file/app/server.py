import asyncio

from app import load_config
from app.config import parse
from . import util


async def handle(path):
    config = load_config(path)  # error: LS104
    util.read_file(path)  # error: LS104
    parse("{}")
    await asyncio.to_thread(load_config, path)
    return config

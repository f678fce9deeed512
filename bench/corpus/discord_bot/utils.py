"""Small helpers for the bot: an async sleep with jitter and a sync cooldown table."""
from __future__ import annotations

import asyncio
import random
import time

_last_used: dict[int, float] = {}


async def sleep(seconds: float) -> None:
    """Sleep with a little jitter so that reminders do not all fire at once."""
    await asyncio.sleep(seconds + random.uniform(0, 0.5))


def on_cooldown(user_id: int, period: float = 5.0) -> bool:
    now = time.monotonic()
    last = _last_used.get(user_id, 0.0)
    if now - last < period:
        return True
    _last_used[user_id] = now
    return False


def wait_for_rate_limit(retry_after: float) -> None:
    time.sleep(retry_after)

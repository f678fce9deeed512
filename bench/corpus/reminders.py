"""Reminder scheduling with threading.Timer in an asyncio app (and its fix)."""
from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ProcessPoolExecutor


class Reminders:
    def __init__(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.fired: asyncio.Queue[str] = asyncio.Queue()
        self.timers: list[threading.Timer] = []

    def _fire_broken(self, text: str) -> None:
        asyncio.create_task(self.deliver(text))  # expect: LS2

    def _fire(self, text: str) -> None:
        asyncio.run_coroutine_threadsafe(self.deliver(text), self.loop)

    def add(self, delay: float, text: str, broken: bool = False) -> None:
        target = self._fire_broken if broken else self._fire
        timer = threading.Timer(delay, target, args=(text,))
        timer.daemon = True
        timer.start()
        self.timers.append(timer)

    def add_direct(self, delay: float, text: str) -> None:
        threading.Timer(delay, self._fire_broken, args=(text,)).start()

    async def deliver(self, text: str) -> None:
        await self.fired.put(text)

    async def add_async(self, delay: float, text: str) -> None:
        self.loop.call_later(delay, lambda: asyncio.ensure_future(self.deliver(text)))


def lookup_timezone(user: str) -> str:
    loop = asyncio.get_event_loop()  # expect: LS2
    return f"{user}@{id(loop)}"


async def render(user: str, pool: ProcessPoolExecutor) -> str:
    loop = asyncio.get_running_loop()
    tz = await loop.run_in_executor(None, lookup_timezone, user)
    text = await loop.run_in_executor(pool, format_reminder, user, tz)  # expect: LS2
    return text


async def format_reminder(user: str, tz: str) -> str:
    return f"{user} ({tz})"


async def main() -> None:
    reminders = Reminders()
    reminders.add(0.1, "stand up")
    reminders.add_direct(0.2, "drink water")
    print(await reminders.fired.get())
    with ProcessPoolExecutor(max_workers=1) as pool:  # expect: LS1
        print(await render("ana", pool))


if __name__ == "__main__":
    asyncio.run(main())

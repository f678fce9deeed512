"""A discord.py bot with reminders, a dice roller and a weather lookup."""
from __future__ import annotations

import asyncio
import time

import aiohttp
import discord
import requests
from discord.ext import commands

from .utils import on_cooldown, sleep, wait_for_rate_limit

intents = discord.Intents.default()
intents.message_content = True
bot = commands.Bot(command_prefix="!", intents=intents)


@bot.command()
async def remind(ctx: commands.Context, minutes: int, *, text: str) -> None:
    await ctx.send(f"OK, in {minutes} min.")
    await sleep(minutes * 60)
    await ctx.send(f"{ctx.author.mention} reminder: {text}")


@bot.command()
async def slowroll(ctx: commands.Context) -> None:
    await ctx.send("Rolling...")
    time.sleep(2)  # expect: LS1
    await ctx.send("4")


@bot.command()
async def weather(ctx: commands.Context, city: str) -> None:
    if on_cooldown(ctx.author.id):
        await ctx.send("Slow down.")
        return
    resp = requests.get("https://wttr.in/" + city, params={"format": "3"}, timeout=5)  # expect: LS1
    await ctx.send(resp.text)


@bot.command()
async def weather2(ctx: commands.Context, city: str) -> None:
    async with aiohttp.ClientSession() as session:
        async with session.get("https://wttr.in/" + city, params={"format": "3"}) as resp:
            await ctx.send(await resp.text())


@bot.event
async def on_rate_limited(retry_after: float) -> None:
    wait_for_rate_limit(retry_after)  # expect: LS1


@bot.event
async def on_ready() -> None:
    print(f"logged in as {bot.user}")


async def main(token: str) -> None:
    async with bot:
        await bot.start(token)


if __name__ == "__main__":
    import os

    asyncio.run(main(os.environ["DISCORD_TOKEN"]))

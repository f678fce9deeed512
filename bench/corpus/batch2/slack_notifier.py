"""Slack notifications from an async job scheduler."""
from __future__ import annotations

import asyncio
import json
import smtplib
import urllib.request
from email.message import EmailMessage

import aiohttp

WEBHOOK = "https://hooks.slack.com/services/T000/B000/XXXX"


def post_json(url: str, payload: dict) -> int:
    req = urllib.request.Request(url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status


async def notify(text: str) -> int:
    return post_json(WEBHOOK, {"text": text})  # expect: LS1


async def notify_async(text: str) -> int:
    async with aiohttp.ClientSession() as session:
        async with session.post(WEBHOOK, json={"text": text}) as resp:
            return resp.status


async def notify_offloaded(text: str) -> int:
    return await asyncio.to_thread(post_json, WEBHOOK, {"text": text})


async def email_oncall(subject: str, body: str) -> None:
    msg = EmailMessage()
    msg["Subject"] = subject
    msg.set_content(body)
    with smtplib.SMTP("localhost") as smtp:  # expect: LS1
        smtp.send_message(msg)  # expect: LS1


async def run_jobs(jobs: list[str]) -> None:
    for job in jobs:
        await asyncio.sleep(0)
        await notify_async(f"done: {job}")

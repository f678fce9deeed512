"""python-telegram-bot v20 handlers: a URL shortener and a file echo."""
from __future__ import annotations

import getpass
import logging
import os

import httpx
import requests
from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes, MessageHandler, filters

logging.basicConfig(level=logging.INFO)
SHORTENER = "https://tinyurl.com/api-create.php"


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.message.reply_text("Send me a link and I will shorten it.")


async def shorten(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    url = update.message.text.strip()
    short = requests.post(SHORTENER, data={"url": url}, timeout=10).text  # expect: LS1
    await update.message.reply_text(short)


async def shorten_httpx_sync(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    url = update.message.text.strip()
    short = httpx.get(SHORTENER, params={"url": url}).text  # expect: LS1
    await update.message.reply_text(short)


async def shorten_async(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    url = update.message.text.strip()
    async with httpx.AsyncClient(timeout=10) as client:
        resp = await client.get(SHORTENER, params={"url": url})
    await update.message.reply_text(resp.text)


async def echo_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    document = update.message.document
    tg_file = await context.bot.get_file(document.file_id)
    path = await tg_file.download_to_drive(custom_path=f"/tmp/{document.file_name}")
    await update.message.reply_document(document=path)


def build(token: str) -> Application:
    application = Application.builder().token(token).build()
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("short2", shorten_httpx_sync))
    application.add_handler(CommandHandler("short3", shorten_async))
    application.add_handler(MessageHandler(filters.Document.ALL, echo_document))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, shorten))
    return application


if __name__ == "__main__":
    token = os.environ.get("TELEGRAM_TOKEN") or getpass.getpass("Bot token: ")
    build(token).run_polling()

import asyncio

from asgiref.sync import async_to_sync, sync_to_async


async def fetch_profile(user_id: int) -> dict:
    await asyncio.sleep(0)
    return {"id": user_id}


def profile_for(user_id: int) -> dict:
    return async_to_sync(fetch_profile)(user_id)


async def view(user_id: int) -> dict:
    direct = async_to_sync(fetch_profile)(user_id)  # error: LS203
    nested = profile_for(user_id)  # error: LS203
    offloaded = await sync_to_async(profile_for)(user_id)
    return direct, nested, offloaded


def management_command(user_id: int) -> dict:
    return profile_for(user_id)

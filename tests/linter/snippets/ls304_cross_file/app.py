import asyncio

from workers import use_fork


async def serve():
    await asyncio.sleep(0)


def main():
    use_fork()
    asyncio.run(serve())


if __name__ == "__main__":
    main()

import shutil

__all__ = ["promote", "describe"]


def promote(path: str, dest: str) -> None:
    shutil.move(path, dest)


def describe(path: str) -> str:
    return path.upper()


def archive(path: str) -> None:
    shutil.move(path, "/archive")

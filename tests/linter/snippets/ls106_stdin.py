import getpass
import sys


async def ask():
    name = input("name? ")  # error: LS106
    secret = getpass.getpass()  # error: LS106
    line = sys.stdin.readline()  # error: LS106
    return name, secret, line


async def shadow(input):
    return input("x")


async def lines():
    for line in sys.stdin:  # error: LS106
        yield line

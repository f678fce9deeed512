"""# LS102 blocking-network-call

## What it does
Checks for blocking network calls in a coroutine: socket operations (`connect`, `accept`, `recv`, `send*`), DNS look-ups (`getaddrinfo`, `gethostbyname`), `select.select`, and the synchronous HTTP clients (`requests`, `urllib.request`, `http.client`, `urllib3`, `httpx.Client`), the mail and file-transfer clients (`smtplib`, `ftplib`, `imaplib`, `poplib`: every method), and the synchronous SDKs and clients of services (boto3/botocore clients, resources, paginators and waiters; paramiko; pyserial; gRPC stubs; slack_sdk; elasticsearch; kafka-python, confluent-kafka, pika, celery results, paho-mqtt; openai, anthropic, docker, kubernetes; `django.core.mail`), including methods on objects whose type is known from their constructor (`session = requests.Session()`) or annotation.

## Why is this bad?
A network call waits for the other side for as long as it takes, which can be seconds or, with no timeout, forever. On the event loop's thread that wait freezes every other task of the program.

## Example
```python
import requests

async def fetch(url):
    return requests.get(url, timeout=10).text
```

## Use instead
```python
import httpx

async def fetch(url):
    async with httpx.AsyncClient() as client:
        return (await client.get(url, timeout=10)).text
```
"""

from ..catalogue import Kind
from ._blocking import BlockingRule


class BlockingNetworkCall(BlockingRule):
    code = "LS102"
    name = "blocking-network-call"
    summary = "blocking network I/O on the event loop"
    kind = Kind.NETWORK


RULE = BlockingNetworkCall()

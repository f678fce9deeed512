import asyncio

import aioboto3
import boto3
from boto3.session import Session

s3 = boto3.client("s3", region_name="eu-west-1")


class Archive:
    def __init__(self, bucket: str):
        self.session = boto3.Session(profile_name="prod")
        self.sqs = self.session.client("sqs")
        self.table = boto3.resource("dynamodb").Table("orders")
        self.bucket = boto3.resource("s3").Bucket(bucket)

    async def store(self, key: str, body: bytes) -> None:
        s3.put_object(Bucket="archive", Key=key, Body=body)  # error: LS102
        s3.upload_file("/tmp/x", "archive", key)  # error: LS102
        self.sqs.send_message(QueueUrl="q", MessageBody="stored")  # error: LS102
        self.table.put_item(Item={"id": key})  # error: LS102
        self.bucket.upload_file("/tmp/x", key)  # error: LS102
        url = s3.generate_presigned_url("get_object", Params={"Bucket": "archive", "Key": key})
        paginator = s3.get_paginator("list_objects_v2")
        pages = list(paginator.paginate(Bucket="archive"))  # error: LS102
        waiter = s3.get_waiter("object_exists")
        waiter.wait(Bucket="archive", Key=key)  # error: LS102
        keys = list(self.bucket.objects.filter(Prefix=key))  # error: LS102
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket="archive"):  # error: LS102
            print(page)
        for summary in self.bucket.objects.all():  # error: LS102
            print(summary)
        return url, pages, keys

    async def offloaded(self, key: str) -> None:
        await asyncio.to_thread(s3.delete_object, Bucket="archive", Key=key)
        other = Session().client("s3")
        await asyncio.to_thread(other.head_object, Bucket="archive", Key=key)


async def with_aioboto3(key: str) -> None:
    session = aioboto3.Session()
    async with session.client("s3") as client:
        await client.put_object(Bucket="archive", Key=key, Body=b"")


def sync_tool(key: str) -> None:
    s3.delete_object(Bucket="archive", Key=key)


async def read_object(key: str) -> bytes:
    obj = s3.get_object(Bucket="archive", Key=key)  # error: LS102
    body = obj["Body"].read()  # error: LS102
    for line in obj["Body"].iter_lines():  # error: LS102
        print(line)
    print(obj["ContentLength"], obj.get("ETag"))
    fetched = await asyncio.to_thread(s3.get_object, Bucket="archive", Key=key)
    print(fetched["ContentType"])
    return body

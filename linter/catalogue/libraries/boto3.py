"""boto3 and botocore (AWS): every call of a low-level client is an HTTPS request; resources
send one per action, collections and paginators as they are iterated, waiters while they wait.

``aioboto3`` / ``aiobotocore`` are other names, so their awaited calls are not matched."""

from ..model import Kind, blocking_type, entries

_AWS = "aioboto3 / aiobotocore, or `await asyncio.to_thread(client.method, ...)`"
_CLIENT = "botocore.client.BaseClient"
_RESOURCE = "boto3.resources.base.ServiceResource"
_COLLECTION = "boto3.resources.collection.ResourceCollection"
_MANAGER = "boto3.resources.collection.CollectionManager"
_PAGES = "botocore.paginate.PageIterator"
_BODY = "botocore.response.StreamingBody"
# the dict `get_object()` (and a resource object's `get()`) returns: its "Body" is a StreamingBody
_OBJECT_RESPONSE = "botocore.response.GetObjectOutput"

# a client's every operation (`put_object`, `send_message`, `invoke`...) is a request; these
# build objects or URLs locally
BLOCKING_TYPES = [
    blocking_type(_CLIENT, Kind.NETWORK, _AWS, "get_paginator", "get_waiter", "can_paginate",
                  "generate_presigned_url", "generate_presigned_post", "close", "meta", "exceptions"),
]

BLOCKING_APIS = entries(Kind.NETWORK, _AWS, [
    "botocore.waiter.Waiter.wait",
    f"{_PAGES}.build_full_result", f"{_PAGES}.search", f"{_PAGES}.__iter__",
    # resource actions; `load`/`reload` fetch the attributes
    *(f"{_RESOURCE}.{m}" for m in (
        "load", "reload", "get", "put", "delete", "copy", "copy_from", "upload_file", "download_file",
        "upload_fileobj", "download_fileobj", "get_item", "put_item", "update_item", "delete_item",
        "query", "scan", "send_message", "send_messages", "receive_messages", "delete_messages",
        "purge", "start", "stop", "terminate", "reboot", "wait_until_exists", "wait_until_not_exists",
        "wait_until_running", "wait_until_stopped", "wait_until_terminated", "put_object",
        "delete_objects", "create_bucket", "create_queue", "get_queue_by_name", "create_table",
        "publish", "invoke", "create_instances")),
    f"{_COLLECTION}.__iter__", f"{_COLLECTION}.delete", f"{_COLLECTION}.pages",
    "boto3.s3.transfer.S3Transfer.upload_file", "boto3.s3.transfer.S3Transfer.download_file",
    # an object's body streams from the open response as it is read
    *(f"{_BODY}.{m}" for m in ("read", "readlines", "iter_lines", "iter_chunks", "__iter__")),
], patchable=False)

# sub-resources are built locally: `s3.Bucket(name)`, `bucket.Object(key)`, `dynamodb.Table(name)`
_SUB_RESOURCES = ("Bucket", "Object", "Table", "Queue", "Instance", "Topic", "Subscription", "Vpc",
                  "ObjectSummary", "Image", "Volume", "User", "Role", "Policy", "Message", "Subnet",
                  "SecurityGroup", "MultipartUpload", "BucketPolicy", "ObjectAcl", "PlatformEndpoint")
# collection managers on resources (`bucket.objects`, `ec2.instances`)
_COLLECTIONS = ("objects", "object_versions", "buckets", "instances", "queues", "tables", "topics",
                "multipart_uploads", "subscriptions", "users", "roles", "images", "volumes", "vpcs",
                "subnets", "security_groups", "dead_letter_source_queues")

RETURNS = {
    "boto3.client": _CLIENT,
    "boto3.resource": _RESOURCE,
    "boto3.session.Session.client": _CLIENT,
    "boto3.session.Session.resource": _RESOURCE,
    "botocore.session.get_session": "botocore.session.Session",
    "botocore.session.Session.create_client": _CLIENT,
    f"{_CLIENT}.get_paginator": "botocore.paginate.Paginator",
    f"{_CLIENT}.get_waiter": "botocore.waiter.Waiter",
    "botocore.paginate.Paginator.paginate": _PAGES,
    f"{_CLIENT}.get_object": _OBJECT_RESPONSE,
    f"{_RESOURCE}.get": _OBJECT_RESPONSE,
    f"{_OBJECT_RESPONSE}.__getitem__": _BODY,
    f"{_OBJECT_RESPONSE}.get": _BODY,
    **{f"{_RESOURCE}.{m}": _RESOURCE for m in _SUB_RESOURCES},
    **{f"{_MANAGER}.{m}": _COLLECTION for m in ("all", "filter", "limit", "page_size")},
    **{f"{_COLLECTION}.{m}": _COLLECTION for m in ("all", "filter", "limit", "page_size")},
}

ATTRIBUTES = {
    _RESOURCE: {**{name: _MANAGER for name in _COLLECTIONS}, "meta": "boto3.resources.base.ResourceMeta"},
    "boto3.resources.base.ResourceMeta": {"client": _CLIENT},
}

ALIASES = {
    "boto3.Session": "boto3.session.Session",
    "botocore.client.Config": "botocore.config.Config",
}

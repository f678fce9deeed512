"""Celery and kombu: waiting for a task's result, and publishing with kombu, wait on the broker."""

from ..model import Kind, entries

_RESULT = "poll `result.ready()` between `await asyncio.sleep(...)`, or `asyncio.to_thread(result.get)`"
_AMQP = "aio-pika, or `asyncio.to_thread`"

BLOCKING_APIS = entries(Kind.NETWORK, _RESULT, [
    "celery.result.AsyncResult.get", "celery.result.AsyncResult.wait", "celery.result.GroupResult.get",
    "celery.result.GroupResult.join",
], patchable=False) + entries(Kind.NETWORK, _AMQP, [
    "kombu.Connection.connect", "kombu.Connection.ensure_connection", "kombu.Connection.drain_events",
    "kombu.Producer.publish", "kombu.simple.SimpleQueue.get", "kombu.simple.SimpleQueue.put",
], patchable=False)
RETURNS = {
    "celery.Task.delay": "celery.result.AsyncResult",
    "celery.Task.apply_async": "celery.result.AsyncResult",
    "celery.Celery.send_task": "celery.result.AsyncResult",
    "celery.Celery.AsyncResult": "celery.result.AsyncResult",
    "kombu.Connection.SimpleQueue": "kombu.simple.SimpleQueue",
}
ALIASES = {"celery.app.task.Task": "celery.Task", "celery.app.base.Celery": "celery.Celery", "kombu.connection.Connection": "kombu.Connection",
           "kombu.messaging.Producer": "kombu.Producer"}

import json

import elasticsearch.helpers
import grpc
import paho.mqtt.client as mqtt
import paho.mqtt.publish as publish
import pika
from aiokafka import AIOKafkaProducer
from celery import Celery
from confluent_kafka import Consumer, Producer
from elasticsearch import AsyncElasticsearch, Elasticsearch
from kafka import KafkaConsumer, KafkaProducer
from slack_sdk import WebClient
from slack_sdk.web.async_client import AsyncWebClient

from protos import inventory_pb2, inventory_pb2_grpc

app = Celery("jobs", broker="redis://")
slack = WebClient(token="xoxb")
es = Elasticsearch("http://search:9200")


async def kafka_calls(event: dict):
    producer = KafkaProducer(bootstrap_servers="kafka:9092")  # error: LS102
    producer.send("events", json.dumps(event).encode())  # error: LS102
    producer.flush()  # error: LS102
    consumer = KafkaConsumer("events", bootstrap_servers="kafka:9092")  # error: LS102
    batch = consumer.poll(timeout_ms=1000)  # error: LS102
    ready = consumer.poll()
    fast = Producer({"bootstrap.servers": "kafka:9092"})
    fast.produce("events", b"x")
    fast.poll(0)
    fast.flush()  # error: LS102
    reader = Consumer({"group.id": "g"})
    msg = reader.poll(1.0)  # error: LS102
    reader.commit()
    reader.commit(asynchronous=False)  # error: LS102
    aio = AIOKafkaProducer(bootstrap_servers="kafka:9092")
    await aio.send_and_wait("events", b"x")
    return batch, ready, msg


async def rabbit_calls(body: bytes):
    connection = pika.BlockingConnection(pika.ConnectionParameters("rabbit"))  # error: LS102
    channel = connection.channel()  # error: LS102
    channel.queue_declare(queue="jobs")  # error: LS102
    channel.basic_publish(exchange="", routing_key="jobs", body=body)  # error: LS102
    connection.add_callback_threadsafe(lambda: None)


async def task_result(x: int):
    result = app.send_task("jobs.add", args=(x, 1))
    return result.get(timeout=10)  # error: LS102


async def grpc_calls(sku: str):
    channel = grpc.insecure_channel("inventory:50051")
    stub = inventory_pb2_grpc.InventoryStub(channel)
    reply = stub.CheckStock(inventory_pb2.StockRequest(sku=sku))  # error: LS102
    async with grpc.aio.insecure_channel("inventory:50051") as achannel:
        astub = inventory_pb2_grpc.InventoryStub(achannel)
        await astub.CheckStock(inventory_pb2.StockRequest(sku=sku))
    return reply


async def notify(text: str):
    slack.chat_postMessage(channel="#ops", text=text)  # error: LS102
    await AsyncWebClient(token="xoxb").chat_postMessage(channel="#ops", text=text)


async def search(query: str):
    hits = es.search(index="docs", query={"match": {"body": query}})  # error: LS102
    es.indices.refresh(index="docs")  # error: LS102
    elasticsearch.helpers.bulk(es, [])  # error: LS102
    aes = AsyncElasticsearch("http://search:9200")
    await aes.search(index="docs")
    return hits


async def mqtt_calls(payload: str):
    client = mqtt.Client()
    client.connect("broker", 1883)  # error: LS102
    client.loop_start()
    info = client.publish("t", payload)
    info.wait_for_publish()  # error: LS102
    publish.single("t", payload, hostname="broker")  # error: LS102

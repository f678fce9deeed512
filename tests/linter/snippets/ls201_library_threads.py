import asyncio
import tkinter as tk
from concurrent.futures import ThreadPoolExecutor

import paho.mqtt.client as mqtt
import sounddevice as sd

from protos import greeter_pb2, greeter_pb2_grpc

loop = asyncio.new_event_loop()
frames: asyncio.Queue = asyncio.Queue()
executor = ThreadPoolExecutor()


def on_audio(indata, frame_count, time_info, status):
    frames.put_nowait(bytes(indata))  # error: LS201


def on_audio_safely(indata, frame_count, time_info, status):
    loop.call_soon_threadsafe(frames.put_nowait, bytes(indata))


def on_done(future):
    loop.create_task(report(future.result()))  # error: LS201


def on_click():
    asyncio.ensure_future(report("clicked"), loop=loop)  # error: LS201


def on_tick():
    asyncio.run_coroutine_threadsafe(report("tick"), loop)


async def report(value):
    print(value)


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def SayHello(self, request, context):
        loop.create_task(report(request.name))  # error: LS201
        return greeter_pb2.HelloReply(message="hi")

    def _helper(self):
        return None


class AsyncGreeter(greeter_pb2_grpc.GreeterServicer):
    async def SayHello(self, request, context):
        asyncio.get_running_loop().create_task(report(request.name))
        return greeter_pb2.HelloReply(message="hi")


def main():
    stream = sd.InputStream(callback=on_audio)
    safe = sd.InputStream(callback=on_audio_safely)
    executor.submit(print, "x").add_done_callback(on_done)
    root = tk.Tk()
    tk.Button(root, text="Go", command=on_click).pack()
    root.after(1000, on_tick)
    root.mainloop()
    return stream, safe


def on_reading(client, userdata, message):
    frames.put_nowait(message.payload)  # error: LS201


def subscribe(client: mqtt.Client):
    client.message_callback_add("sensors/#", on_reading)
    client.loop_start()

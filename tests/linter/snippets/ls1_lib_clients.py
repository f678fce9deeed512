import anthropic
import docker
import openai
import paramiko
import serial
from kubernetes import client as k8s, config
from openai import AsyncOpenAI, OpenAI

llm = OpenAI()


class Remote:
    def __init__(self, host: str):
        self.ssh = paramiko.SSHClient()
        self.host = host

    async def run(self, command: str) -> str:
        self.ssh.connect(self.host, username="deploy")  # error: LS102
        stdin, stdout, stderr = self.ssh.exec_command(command)  # error: LS102
        output = stdout.read()  # error: LS102
        status = stdout.channel.recv_exit_status()  # error: LS102
        sftp = self.ssh.open_sftp()  # error: LS102
        sftp.put("local.txt", "/tmp/remote.txt")  # error: LS102
        return output.decode(), status


async def device(port: str) -> bytes:
    link = serial.Serial(port, 9600, timeout=1)  # error: LS102
    link.write(b"PING\n")  # error: LS102
    unopened = serial.Serial()
    unopened.port = port
    return link.readline()  # error: LS102


async def ask(prompt: str) -> str:
    reply = llm.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])  # error: LS102
    claude = anthropic.Anthropic()
    message = claude.messages.create(model="claude", max_tokens=10, messages=[])  # error: LS102
    legacy = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[])  # error: LS102
    fast = AsyncOpenAI()
    await fast.chat.completions.create(model="gpt-4o", messages=[])
    await anthropic.AsyncAnthropic().messages.create(model="claude", max_tokens=10, messages=[])
    return reply, message, legacy


async def containers(name: str):
    engine = docker.from_env()
    box = engine.containers.run("alpine", "echo hi", detach=True)  # error: LS102
    logs = box.logs()  # error: LS102
    running = engine.containers.list()  # error: LS102
    box_id = box.id
    out = engine.containers.run("alpine", "echo hi", remove=True)  # error: LS102
    image, build_logs = engine.images.build(path=".", tag="app")  # error: LS102
    image.tag("app:latest")  # error: LS102
    return logs, running, box_id, out.decode(), image.id


async def pods(namespace: str):
    config.load_kube_config()  # error: LS104
    core = k8s.CoreV1Api()
    listed = core.list_namespaced_pod(namespace)  # error: LS102
    apps = k8s.AppsV1Api()
    apps.patch_namespaced_deployment("web", namespace, {})  # error: LS102
    return listed

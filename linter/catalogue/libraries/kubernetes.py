"""kubernetes (the official client): every method of the generated API classes
(`CoreV1Api.list_namespaced_pod`) is an HTTPS request; `kubernetes_asyncio` is another name."""

from ..model import Kind, blocking_type, entries

_K8S = "kubernetes_asyncio, or `asyncio.to_thread`"

BLOCKING_TYPES = [
    blocking_type("kubernetes.client.*Api", Kind.NETWORK, _K8S, "api_client"),
    blocking_type("kubernetes.client.api.*.*Api", Kind.NETWORK, _K8S, "api_client"),
]
BLOCKING_APIS = entries(Kind.NETWORK, _K8S, ["kubernetes.watch.Watch.stream"], patchable=False) + entries(
    # reads the kubeconfig, and may run its credential plugin
    Kind.FILE, _K8S, ["kubernetes.config.load_kube_config", "kubernetes.config.load_incluster_config"],
    patchable=False)

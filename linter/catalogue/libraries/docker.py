"""docker (docker-py): the client's collections (`client.containers.run`) and the objects they
return (`container.logs()`) call the Docker daemon's HTTP API."""

from ..model import Kind, ReturnsWhen, blocking_type, entries

_DOCKER = "aiodocker, or `asyncio.to_thread`"
_COLLECTION = "docker.models.resource.Collection"
_MODEL = "docker.models.resource.Model"
_COLLECTIONS = ("containers", "images", "networks", "volumes", "services", "nodes", "secrets", "configs",
                "plugins")

BLOCKING_TYPES = [
    blocking_type(_COLLECTION, Kind.NETWORK, _DOCKER, "model", "client", "prepare_model"),
    blocking_type(_MODEL, Kind.NETWORK, _DOCKER, "id", "short_id", "attrs", "name", "labels", "client",
                  "collection", "status", "image", "tags"),
    blocking_type("docker.APIClient", Kind.NETWORK, _DOCKER, "close", "get_adapter", "mount", "base_url",
                  "api_version"),
]
BLOCKING_APIS = entries(Kind.NETWORK, _DOCKER, [
    *(f"docker.DockerClient.{m}" for m in ("ping", "info", "version", "events", "df", "login")),
], patchable=False)
RETURNS = {
    "docker.from_env": "docker.DockerClient",
    **{f"{_COLLECTION}.{m}": _MODEL for m in ("get", "run", "create", "pull")},
    # `image, logs = client.images.build(...)`
    f"{_COLLECTION}.build": f"tuple[{_MODEL}]",
    f"{_COLLECTION}.list": f"list[{_MODEL}]",
}
# `containers.run(...)` waits for the container and returns its output, unless detached
RETURNS_WHEN = [ReturnsWhen(f"{_COLLECTION}.run", "detach", None, ("False",), "builtins.bytes")]
ATTRIBUTES = {"docker.DockerClient": {**{name: _COLLECTION for name in _COLLECTIONS}, "api": "docker.APIClient"}}
ALIASES = {"docker.client.DockerClient": "docker.DockerClient", "docker.client.from_env": "docker.from_env",
           "docker.api.APIClient": "docker.APIClient"}

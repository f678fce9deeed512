"""The catalogue names real objects: a typo would silently disable a check in the
linter and an interception in the plugin."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from loopsafe.linter import catalogue

STDLIB = set(sys.stdlib_module_names)


def _resolve(name: str):
    """Import the longest importable module prefix, then walk attributes."""
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError(name)


def _stdlib(names):
    return sorted(n for n in names if n.split(".")[0] in STDLIB)


@pytest.mark.parametrize("name", _stdlib(n for n, api in catalogue.BLOCKING.items() if api.patchable))
def test_every_patchable_stdlib_entry_names_a_real_callable(name: str) -> None:
    assert callable(_resolve(name))


@pytest.mark.parametrize("name", _stdlib(n for n, api in catalogue.BLOCKING.items() if not api.patchable))
def test_every_unpatchable_stdlib_entry_names_a_real_factory(name: str) -> None:
    """`threading.Lock.acquire`: `threading.Lock` exists, its type is C and hidden."""
    try:
        target = _resolve(name)
    except AttributeError:
        target = _resolve(name.rsplit(".", 1)[0])
    assert callable(target)


@pytest.mark.parametrize("name", _stdlib({*catalogue.RETURNS.values(), *catalogue.BASES} - {"super"}
                                         - set(catalogue.VARIANTS)))
def test_every_stdlib_type_exists(name: str) -> None:
    name = name.removeprefix("list[").removeprefix("tuple[").rstrip("]")
    assert isinstance(_resolve(name), type) or callable(_resolve(name))


def test_lookup_follows_aliases_and_bases() -> None:
    assert catalogue.lookup("requests.api.get").name == "requests.get"
    assert catalogue.lookup_method("ssl.SSLSocket", "recv").name == "socket.socket.recv"
    assert catalogue.lookup_method("queue.PriorityQueue", "get").name == "queue.Queue.get"
    assert catalogue.lookup_method("io.TextIOWrapper", "read").kind is catalogue.Kind.FILE
    assert catalogue.lookup("asyncio.sleep") is None


def test_every_kind_has_entries() -> None:
    kinds = {api.kind for api in catalogue.BLOCKING_APIS}
    assert kinds == set(catalogue.Kind) - {catalogue.Kind.CONFIGURED}


def test_importing_the_catalogue_does_not_import_libcst() -> None:
    """The pytest plugin reads it at start-up, which must stay fast."""
    code = "import sys, loopsafe.linter.catalogue; print('libcst' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_no_two_catalogue_modules_give_the_same_key_differently() -> None:
    assert catalogue.CONFLICTS == ()


LIBRARY_FIELDS = {"BLOCKING_APIS", "BLOCKING_TYPES", "RETURNS", "RETURNS_WHEN", "VARIANTS", "ATTRIBUTES", "BASES",
                  "ALIASES", "ASYNC_ITERABLE"}


def test_variants_name_real_types_and_are_made_by_arguments() -> None:
    """A variant is a real type in a known state, made only where a call's arguments say so
    (a construction, or a method that switches the object's state)."""
    for variant, real in catalogue.VARIANTS.items():
        assert isinstance(_resolve(real), type) or callable(_resolve(real)), real
        assert catalogue.type_ancestry(variant)[1] == real
    made = {when.type for whens in catalogue.RETURNS_WHEN.values() for when in whens}
    switched = {variant for _, variant in catalogue.SWITCHES.values()}
    assert set(catalogue.VARIANTS) <= made | switched
    for (owner, method), (_, variant) in catalogue.SWITCHES.items():
        assert callable(getattr(_resolve(owner), method)) and catalogue.VARIANTS[variant] == owner
    assert catalogue.lookup_method("queue.UnboundedQueue", "get").name == "queue.Queue.get"


@pytest.mark.parametrize("module", catalogue.libraries.modules(), ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_every_library_module_gives_only_the_documented_tables(module) -> None:
    """A misspelt table name (`BLOCKING_API`) would be ignored by the merge without this."""
    shared = vars(catalogue.model)  # alternatives imported from the model are not tables
    public = {n for n, v in vars(module).items() if n.isupper() and not n.startswith("_") and shared.get(n) is not v}
    assert public <= LIBRARY_FIELDS, public - LIBRARY_FIELDS
    for api in getattr(module, "BLOCKING_APIS", ()):
        assert isinstance(api, catalogue.BlockingAPI)
    for blocking in getattr(module, "BLOCKING_TYPES", ()):
        assert isinstance(blocking, catalogue.BlockingType)


def test_a_blocking_type_blocks_every_public_method_through_bases_and_aliases(monkeypatch) -> None:
    client = catalogue.BlockingType("acme.Client", catalogue.Kind.NETWORK, "acme.AsyncClient",
                                    frozenset({"close"}))
    monkeypatch.setattr(catalogue, "BLOCKING_TYPES", {"acme.Client": client})
    monkeypatch.setattr(catalogue, "BASES", {**catalogue.BASES, "acme.S3Client": ("acme.Client",)})
    monkeypatch.setattr(catalogue, "ALIASES", {**catalogue.ALIASES, "acme._impl.S3": "acme.S3Client"})
    monkeypatch.setattr(catalogue, "BLOCKING", {**catalogue.BLOCKING, "acme.S3Client.ping": catalogue.BlockingAPI(
        "acme.S3Client.ping", catalogue.Kind.SLEEP, "nothing")})
    found = catalogue.lookup_method("acme._impl.S3", "put_object")
    assert (found.name, found.kind, found.alternative) == ("acme.Client.put_object", catalogue.Kind.NETWORK,
                                                           "acme.AsyncClient")
    assert catalogue.lookup_method("acme.S3Client", "ping").kind is catalogue.Kind.SLEEP  # listed wins
    assert catalogue.lookup_method("acme.S3Client", "close") is None  # exempt
    assert catalogue.lookup_method("acme.S3Client", "_sign") is None  # private
    assert catalogue.lookup_method("acme.Other", "put_object") is None


def test_a_pattern_blocking_type_matches_generated_names_and_names_the_real_type() -> None:
    found = catalogue.lookup_method("svc.protos.inventory_pb2_grpc.InventoryStub", "CheckStock")
    assert (found.name, found.kind) == ("svc.protos.inventory_pb2_grpc.InventoryStub.CheckStock", catalogue.Kind.NETWORK)
    assert catalogue.lookup_method("svc.protos.inventory_pb2.StockRequest", "CheckStock") is None
    assert catalogue.lookup_method("svc.protos.inventory_pb2_grpc.InventoryServicer", "CheckStock") is None
    assert catalogue.lookup_method("kubernetes.client.CoreV1Api", "list_namespaced_pod").kind is catalogue.Kind.NETWORK
    assert catalogue.lookup_method("kubernetes.client.ApiClient", "call_api") is None


def test_method_returns_are_inherited_from_bases() -> None:
    assert catalogue.returns("sqlalchemy.orm.scoped_session.query") == "sqlalchemy.orm.Query"
    assert catalogue.returns("redis.StrictRedis.pipeline") == "redis.client.Pipeline"
    assert catalogue.returns("boto3.client") == "botocore.client.BaseClient"
    assert catalogue.returns("acme.unknown") is None


@pytest.mark.parametrize(("type_name", "method"), [
    ("redis.asyncio.Redis", "get"), ("redis.asyncio.client.Redis", "get"), ("aioboto3.Session", "client"),
    ("motor.motor_asyncio.AsyncIOMotorCollection", "find_one"), ("aiokafka.AIOKafkaProducer", "send"),
    ("grpc.aio.Channel", "unary_unary"), ("openai.AsyncOpenAI", "chat"), ("anthropic.AsyncAnthropic", "messages"),
    ("elasticsearch.AsyncElasticsearch", "search"), ("slack_sdk.web.async_client.AsyncWebClient", "chat_postMessage"),
    ("psycopg.AsyncConnection", "execute"), ("sqlalchemy.ext.asyncio.AsyncSession", "execute"),
    ("kubernetes_asyncio.client.CoreV1Api", "list_namespaced_pod"),
])
def test_the_async_twins_of_catalogued_clients_are_not_blocking(type_name: str, method: str) -> None:
    assert catalogue.lookup_method(type_name, method) is None
    assert catalogue.attribute(type_name, method) is None


def test_conditional_entries_are_well_formed() -> None:
    """An argument that decides whether a call blocks names a keyword, and a position
    only where the callee takes it positionally."""
    for api in catalogue.BLOCKING_APIS:
        for when in (*api.nonblocking_when, *api.only_when):
            assert when.keyword.isidentifier(), api.name
            assert when.position is None or 0 <= when.position < 6, api.name

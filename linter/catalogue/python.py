"""Names of the language and its typing that the resolver and the rules recognise."""

from __future__ import annotations

STATICMETHOD = "builtins.staticmethod"
CLASSMETHOD = "builtins.classmethod"
SUPER = "builtins.super"
PARTIAL = frozenset({"functools.partial"})
PROPERTIES = frozenset({"builtins.property", "functools.cached_property"})
# a generator so decorated runs up to its yield when the `with` enters it
CONTEXT_MANAGERS = frozenset({"contextlib.contextmanager"})
TYPE_CHECKING = frozenset({"typing.TYPE_CHECKING", "typing_extensions.TYPE_CHECKING"})
PATH_TYPES = frozenset({"pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "anyio.Path"})
SEQUENCES = frozenset({"builtins.list", "builtins.set", "builtins.frozenset", "typing.List", "typing.Set",
                       "typing.Sequence", "typing.Iterable", "typing.Iterator", "collections.abc.Sequence",
                       "collections.abc.Iterable", "collections.abc.Iterator", "collections.deque"})
FILE_TYPES = frozenset({"io.TextIOWrapper", "io.BufferedIOBase", "io.TextIOBase", "io.IOBase"})
OPTIONAL_WRAPPERS = frozenset({"typing.Optional", "typing.Annotated", "typing.Final", "typing.ClassVar"})
UNION = "typing.Union"
STDIN = "sys.stdin"
# builtins that iterate, measure or truth-test their argument: the special method they call on it
CONSUMERS = {
    **{f"builtins.{name}": "__iter__" for name in (
        "list", "tuple", "set", "frozenset", "sorted", "sum", "min", "max", "any", "all", "dict")},
    "builtins.len": "__len__",
    "builtins.bool": "__bool__",
}

"""Names of the language and its typing that the resolver and the rules recognise."""

from __future__ import annotations

STATICMETHOD = "builtins.staticmethod"
CLASSMETHOD = "builtins.classmethod"
SUPER = "builtins.super"
OBJECT = "builtins.object"
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
MAPPINGS = frozenset({"builtins.dict", "typing.Dict", "typing.Mapping", "typing.MutableMapping",
                      "typing.DefaultDict", "typing.OrderedDict", "collections.abc.Mapping",
                      "collections.abc.MutableMapping", "collections.defaultdict", "collections.OrderedDict"})
# calls that give back their first argument: `with closing(conn) as c` is `conn`
RETURNS_ARGUMENT = frozenset({"contextlib.closing", "contextlib.nullcontext"})
# `X: TypeAlias = ...` (PEP 613) names a type, not a value
TYPE_ALIAS = frozenset({"typing.TypeAlias", "typing_extensions.TypeAlias"})
OPTIONAL_WRAPPERS = frozenset({"typing.Optional", "typing.Annotated", "typing.Final", "typing.ClassVar"})
UNION = "typing.Union"
STDIN = "sys.stdin"
# the types of literals and of `is None`, for the conditions of branches (analysis/branches.py)
STR = "builtins.str"
BYTES = "builtins.bytes"
NONE_TYPE = "builtins.NoneType"
BOOL = "builtins.bool"
INT = "builtins.int"
FLOAT = "builtins.float"
DICT = "builtins.dict"
LIST = "builtins.list"
TUPLE = "builtins.tuple"
SET = "builtins.set"
# types whose instances isinstance() knows completely: none of them is a file or a path
CLOSED_TYPES = frozenset({STR, BYTES, NONE_TYPE, DICT, LIST, TUPLE, SET})
# in-memory files: what isinstance() says of them (they are not BASES: their methods never block)
IN_MEMORY_FILES = {"io.BytesIO": ("io.BufferedIOBase", "io.IOBase"), "io.StringIO": ("io.TextIOBase", "io.IOBase")}
# annotations of file-like parameters that callers often fill with an in-memory file
# (typing.TextIO reads as io.TextIOWrapper once canonical)
ABSTRACT_FILE_TYPES = frozenset({"io.BufferedIOBase", "io.TextIOBase", "io.IOBase", "io.RawIOBase",
                                 "io.TextIOWrapper", "typing.BinaryIO", "typing.TextIO", "typing.IO"})
# builtins that iterate, measure or truth-test their argument: the special method they call on it
CONSUMERS = {
    **{f"builtins.{name}": "__iter__" for name in (
        "list", "tuple", "set", "frozenset", "sorted", "sum", "min", "max", "any", "all", "dict")},
    "builtins.len": "__len__",
    "builtins.bool": "__bool__",
}

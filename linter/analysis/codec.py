"""How one file's facts travel as bytes: from a worker to the parent, and to and from the
cache.

Reading must be cheap (a pre-commit run reads every cached file of the project) and what it
gives lean (a whole library's facts are held at once). A plain pickle gives each file its
own copies of the qualified names, types and method names that recur in every file; walking
the records to share them cost more than the rest of the read. So the strings of a file
are written once, first, each as a call to ``_share`` (one copy of each string read), and
the records refer to those shared copies through the pickle's memo: reading runs little
Python code besides the records' ``__init__``.

Pickle never memoizes an int: each node number read is an object of its own, half a
million on a whole library. They are shared after the read, one copy of each number for
every file (``_share_numbers``).

The tables of shared copies are needed only while files are read: ``forget`` drops them
(not ``sys.intern``, whose table stays for the life of the process: 10 MB on a whole library).
"""

from __future__ import annotations

import io
import pickle

from .facts import FileFacts

# Bumped whenever the layout of the bytes or of the records changes: bytes of another
# format are not read (a cache written by another version is a miss).
FORMAT = 2
_PROTOCOL = 5
_NUMBERS: dict[int, int] = {}  # one copy of each node number read, whatever the file
_STRINGS: dict[str, str] = {}  # and of each string


def _share(text: str) -> str:
    return _STRINGS.setdefault(text, text)


def forget() -> None:
    """Drop the tables of shared copies: the facts read keep theirs."""
    _NUMBERS.clear()
    _STRINGS.clear()


class _Shared:
    """A string as the reader should see it: its one shared copy."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __reduce__(self):
        return _share, (self.text,)


def encode(facts: FileFacts) -> bytes:
    """The bytes of ``facts``: the format, the file's strings (each once), then the records."""
    scout = pickle.Pickler(io.BytesIO(), _PROTOCOL)
    scout.dump(facts)  # its memo lists every distinct string object of the facts
    strings = [_Shared(value) for _, value in scout.memo.copy().values() if type(value) is str]
    out = io.BytesIO()
    pickler = pickle.Pickler(out, _PROTOCOL)
    pickler.dump(FORMAT)
    pickler.dump(strings)
    # each string now stands for the result of its `_share` call, which the reader memoized
    memo = pickler.memo.copy()
    for wrapper in strings:
        memo[id(wrapper.text)] = (memo[id(wrapper)][0], wrapper.text)
    pickler.memo = memo
    pickler.dump(facts)
    return out.getvalue()


def decode(data: bytes) -> FileFacts | None:
    """The facts ``encode`` gave these bytes, or None for bytes of another format."""
    reader = pickle.Unpickler(io.BytesIO(data))
    if reader.load() != FORMAT:
        return None
    reader.load()  # the shared strings, into the memo
    facts = reader.load()
    if type(facts) is not FileFacts:
        return None
    _share_numbers(facts)
    return facts


def _share_numbers(facts: FileFacts) -> None:
    """The node numbers of the facts' calls and functions, one object per number. Done as
    the facts are read, before anything else sees the records."""
    one = _NUMBERS.setdefault
    for call in (*facts.calls, *facts.attribute_reads):
        call.node = one(call.node, call.node)
        if call.callee_node is not None:
            call.callee_node = one(call.callee_node, call.callee_node)
    for function in facts.functions:
        function.node = one(function.node, function.node)

"""The fact records are lean: slotted, and read back from a pickle (a worker's result, the
cache) equal to what was written, with one copy of each name, node number and argument
record however many files they come from."""

from __future__ import annotations

import pickle

from hypothesis import given
from hypothesis import strategies as st

from loopsafe.linter.analysis.facts import (
    ArgRef, CallSite, ClassFacts, Condition, FileFacts, FunctionFacts, RawFinding)

names = st.text(alphabet="abcdefghij._", min_size=1, max_size=12)
arg_refs = st.recursive(
    st.builds(ArgRef, st.sampled_from(["ref", "literal", "local", "call"]), names,
              st.none() | names),
    lambda inner: st.builds(ArgRef, st.just("partial"), names, st.none(), inner), max_leaves=3)
calls = st.builds(
    CallSite, st.integers(-1, 50), st.integers(0, 100_000), names, target=st.none() | names,
    method=st.none() | names, args=st.tuples(arg_refs, arg_refs), kwargs=st.tuples(st.tuples(names, arg_refs)),
    awaited=st.booleans(), conditions=st.tuples(st.builds(Condition, names, st.tuples(names), st.booleans())))


def file_facts(path: str, call_sites: list[CallSite]) -> FileFacts:
    return FileFacts(
        path, path.removesuffix(".py"), lines=3, calls=call_sites,
        functions=[FunctionFacts("m.f", "f", 4, True, decorators=("functools.cache",), params=("a",))],
        classes=[ClassFacts("m.C", 9, bases=("object",), attributes=(("conn", "sqlite3.Connection"),))],
        exports={"sleep": "time.sleep"}, variables={"engine": "sqlalchemy.Engine"},
        findings=[RawFinding("LS101", 7, "blocks", trace=(("m.py", 7, "f()"),), confidence="certain")],
        loop_ranges=[(1, 2)])


@given(st.lists(calls, max_size=4))
def test_a_round_trip_gives_equal_records(call_sites: list[CallSite]) -> None:
    facts = file_facts("m.py", call_sites)
    again = pickle.loads(pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == facts
    assert [hash(call) for call in again.calls] == [hash(call) for call in facts.calls]


def test_records_are_slotted() -> None:
    for record in (ArgRef("ref", "x"), CallSite(0, 1, "f"), file_facts("m.py", [])):
        assert not hasattr(record, "__dict__")


def test_files_read_back_share_their_names_numbers_and_arguments() -> None:
    def written(path: str) -> bytes:
        # each file builds its own strings and ints, as each worker does
        call = CallSite(0, int("70000"), "".join(["time.", "sleep"]),
                        target="".join(["time.", "sleep"]), args=(ArgRef("literal", "".join(["1", "0"])),))
        return pickle.dumps(file_facts(path, [call]))

    first, second = (pickle.loads(written(p)) for p in ("a.py", "b.py"))
    one, two = first.calls[0], second.calls[0]
    assert one.target is two.target and one.text is two.text
    assert one.node is two.node  # a large int: not one of Python's cached small ints
    assert one.args[0] is two.args[0]
    assert first.functions[0].decorators is second.functions[0].decorators

"""Positions come from ``ast`` with the facts, and must be what libcst (which counts
columns in characters, as editors and the report do) gives the same nodes: the calls and
their callees, in tricky spellings and in real files."""

from __future__ import annotations

import ast
import asyncio
from collections import Counter
from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from loopsafe.linter.analysis.positions import SourceText, locate
from loopsafe.linter.pipeline import file_facts

TRICKY = '''\
import functools

@functools.lru_cache(maxsize=None)
def f(a=len("x"), /, b=ord("y"), *, c=abs(-1)):
    try:
        pass
    except get_error() as e:
        raise wrap(e) from cause()
    x = (first(1) if check(2) else other(3))
    y = [g(i) for i in range(h(3)) if p(i)]
    z = {k(1): v(2) for _ in it()}
    s = f"{outer(inner(1))!r:>{width()}} and {more()}"
    t = "é" + str(ünïcode(1), encoding("é"))
    return a.b(c)(d).e(
        f(),
        g=h(),
    )


class C(base(), metaclass=meta()):
    attr = value()
    lam = lambda q=d(): q(e())
'''


def _ours(source: bytes) -> Counter:
    text = SourceText(source)
    calls = [n for n in ast.walk(ast.parse(source)) if type(n) is ast.Call]
    return Counter([text.span(n) for n in calls] + [text.span(n.func) for n in calls])


def _libcst(source: bytes) -> Counter:
    wrapper = MetadataWrapper(cst.parse_module(source), unsafe_skip_copy=True)
    positions = wrapper.resolve(PositionProvider)
    spans = Counter()
    for node, where in positions.items():
        if type(node) is cst.Call:
            for part in (node, node.func):
                start, end = positions[part].start, positions[part].end
                spans[(start.line, start.column + 1, end.line, end.column + 1)] += 1
    return spans


def test_tricky_source_order_and_unicode_columns() -> None:
    source = TRICKY.encode()
    assert _ours(source) == _libcst(source)


def test_a_latin_1_file_counts_characters() -> None:
    source = "# -*- coding: latin-1 -*-\nx = 'éé' + f(g())\n".encode("latin-1")
    assert _ours(source) == _libcst(source)


@pytest.mark.parametrize("path", sorted(Path(asyncio.__file__).parent.glob("*.py"))[:25],
                         ids=lambda p: p.name)
def test_real_files(path: Path) -> None:
    source = path.read_bytes()
    assert _ours(source) == _libcst(source)


def test_the_facts_carry_the_spans_of_what_can_be_reported() -> None:
    source = ("import threading\nlock = threading.Lock()\n\n"
              "async def f():\n    with lock:\n        await g('é', h())\n").encode()
    facts, _ = file_facts("m.py", "m", source, None)
    spans = locate(facts.spans, [c.node for c in facts.calls] + [facts.held_locks[0].node])
    # Lock(), the with block, its `lock` (entered), g(...) and h(): columns in characters after the é
    assert sorted(spans.values()) == [(2, 8, 2, 24), (5, 5, 6, 26), (5, 10, 5, 14), (6, 15, 6, 26), (6, 22, 6, 25)]

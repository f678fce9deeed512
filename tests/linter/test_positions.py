"""Positions from ``ast`` must be exactly libcst's: the fast path is only a faster
way to the same answer."""

from __future__ import annotations

import asyncio
from pathlib import Path

import libcst as cst
import pytest

from loopsafe.linter.analysis.positions import _from_ast, _from_libcst
from loopsafe.linter.sources import SourceFile
from loopsafe.linter.analysis.traversal import iter_nodes

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


def _all_calls(module: cst.Module) -> set[int]:
    wanted = set()
    for index, node in iter_nodes(module):
        if type(node) is cst.Call:
            wanted.update((index, index + 1))  # the call and its callee
    return wanted


def _agree(source: bytes) -> None:
    module = cst.parse_module(source)
    wanted = _all_calls(module)
    if not wanted:
        return
    fast = _from_ast(module, wanted, source, SourceFile("m.py", source).lines)
    assert fast is not None, "the fast path refused a file it should read"
    assert fast == _from_libcst(module, wanted)


def test_tricky_source_order_and_unicode_columns() -> None:
    _agree(TRICKY.encode())


@pytest.mark.parametrize("path", sorted(Path(asyncio.__file__).parent.glob("*.py"))[:25],
                         ids=lambda p: p.name)
def test_real_files(path: Path) -> None:
    _agree(path.read_bytes())


def test_a_reported_node_that_is_not_a_call_falls_back() -> None:
    module = cst.parse_module(b"x = 1\nwith lock:\n    f()\n")
    with_index = next(i for i, n in iter_nodes(module) if type(n) is cst.With)
    source = module.code.encode()
    assert _from_ast(module, {with_index}, source, SourceFile("m.py", source).lines) is None

"""``# noqa`` parsing follows flake8: bare, code lists, prefixes, any case."""

import pytest
from hypothesis import given, strategies as st

from loopsafe.linter.noqa import is_suppressed, parse

from .interface_helpers import codes


@pytest.mark.parametrize("line, ls101, ls201", [
    ("time.sleep(1)", False, False),
    ("time.sleep(1)  # noqa", True, True),
    ("time.sleep(1)  # NOQA", True, True),
    ("time.sleep(1)  #noqa", True, True),
    ("time.sleep(1)  # noqa: LS101", True, False),
    ("time.sleep(1)  # noqa:LS101", True, False),
    ("time.sleep(1)  # noqa: ls101", True, False),
    ("time.sleep(1)  # noqa: LS1", True, False),
    ("time.sleep(1)  # noqa: LS1, LS2", True, True),
    ("time.sleep(1)  # noqa: LS1 LS2", True, True),
    ("time.sleep(1)  # noqa: E501", False, False),
    ("time.sleep(1)  # noqa: E501,LS101", True, False),
    ("time.sleep(1)  # noqa: LS101 -- waits for the lock on purpose", True, False),
    # as in flake8, a colon without a code list is a bare noqa
    ("time.sleep(1)  # noqa: because it must", True, True),
    ("time.sleep(1)  # type: ignore  # noqa: LS101", True, False),
    ("time.sleep(1)  # no qa", False, False),
    ("time.sleep(1)  # noqa: LS1011", False, False),
])
def test_examples(line, ls101, ls201):
    assert is_suppressed("LS101", line) is ls101
    assert is_suppressed("LS201", line) is ls201


def test_parse_tells_absent_from_bare():
    assert parse("x = 1") is None
    assert parse("x = 1  # noqa") == frozenset()
    assert parse("x = 1  # noqa: LS101,ls2") == {"LS101", "LS2"}


prefixes = codes.flatmap(lambda c: st.integers(3, len(c)).map(lambda n: c[:n]))
separators = st.sampled_from([",", ", ", " ", " ,  "])


@given(code=codes, listed=st.lists(prefixes, min_size=1, max_size=4), sep=separators,
       lower=st.booleans(), space=st.booleans())
def test_code_lists(code, listed, sep, lower, space):
    comment = "# noqa:" + (" " if space else "") + sep.join(listed)
    line = "call()  " + (comment.lower() if lower else comment)
    assert is_suppressed(code, line) == any(code.startswith(p) for p in listed)

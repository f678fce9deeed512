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


# --- whole files, through the engine ----------------------------------------------------------

from loopsafe.linter.engine import lint_source  # noqa: E402
from loopsafe.linter.settings import Settings  # noqa: E402

BLOCKING = {  # a line that gets exactly this code inside `async def f():`
    "LS101": "time.sleep(1)",
    "LS102": "requests.get(url)",
    "LS103": "subprocess.run(['ls'])",
    "LS104": "open(path)",
    "LS106": "input()",
}


def found(body: str, head: str = "", **settings) -> list[tuple[str, int]]:
    source = (f"{head}import time, requests, subprocess\n\n\n"
              f"async def f(url, path):\n{body}")
    return [(d.code, d.line) for d in lint_source(source.encode(), "m.py", Settings(**settings))]


def test_the_blocking_lines_are_found_without_comments():
    for code, line in BLOCKING.items():
        assert found(f"    {line}\n") == [(code, 5)]


def test_noqa_inside_a_string_silences_nothing():
    assert found('    time.sleep(1); x = "# noqa"\n') == [("LS101", 5)]
    assert found("    time.sleep(1); x = '# noqa: LS101'  # comment\n") == [("LS101", 5)]


@pytest.mark.parametrize("async_code, ls_code", [
    ("ASYNC210", "LS102"), ("ASYNC211", "LS102"), ("ASYNC212", "LS102"),
    ("ASYNC220", "LS103"), ("ASYNC221", "LS103"), ("ASYNC222", "LS103"),
    ("ASYNC230", "LS104"), ("ASYNC250", "LS106"), ("ASYNC251", "LS101"),
])
def test_flake8_async_codes_silence_their_loopsafe_code(async_code, ls_code):
    assert found(f"    {BLOCKING[ls_code]}  # noqa: {async_code}\n") == []
    other = "LS101" if ls_code != "LS101" else "LS104"
    assert found(f"    {BLOCKING[other]}  # noqa: {async_code}\n") == [(other, 5)]


@pytest.mark.parametrize("comment", ["# flake8: noqa", "# loopsafe: noqa", "#FLAKE8=NOQA",
                                     "# loopsafe: noqa: LS1", "# loopsafe: noqa: ASYNC251"])
def test_a_file_level_comment_silences_the_file(comment):
    assert found("    time.sleep(1)\n", head=comment + "\n") == []


def test_a_file_level_comment_with_codes_silences_only_those():
    body = "    time.sleep(1)\n    open(path)\n"
    assert found(body, head="# loopsafe: noqa: LS104\n") == [("LS101", 6)]
    # flake8 ignores a `# flake8: noqa` with codes; so does loopsafe
    assert found(body, head="# flake8: noqa: LS104\n") == [("LS101", 6), ("LS104", 7)]


def test_a_file_level_comment_must_stand_alone():
    assert found("    time.sleep(1)\n", head="x = 1  # flake8: noqa\n") == [("LS101", 6)]
    assert found("    time.sleep(1)\n", head="x = '# flake8: noqa'\n") == [("LS101", 6)]


def test_an_unused_loopsafe_code_is_reported_at_its_comment():
    assert found("    await f()  # noqa: LS101\n") == [("LS002", 5)]
    diagnostic, = lint_source(b"x = 1  # noqa: LS101, E501\n", "m.py", Settings())
    assert (diagnostic.code, diagnostic.line, diagnostic.column, diagnostic.end_column) == \
        ("LS002", 1, 8, 27)
    assert "LS101" in diagnostic.message and "E501" not in diagnostic.message


@pytest.mark.parametrize("comment", ["# noqa", "# noqa: E501", "# noqa: ASYNC251",
                                     "# noqa: LS101, LS002"])
def test_bare_foreign_and_self_silenced_comments_are_not_unused(comment):
    assert found(f"    await f()  {comment}\n") == []


def test_a_used_code_or_prefix_is_not_unused():
    assert found("    time.sleep(1)  # noqa: LS101\n") == []
    assert found("    time.sleep(1)  # noqa: LS1\n") == []
    assert found("    time.sleep(1)  # noqa: LS101, LS104\n") == [("LS002", 5)]


def test_unused_is_judged_only_for_rules_that_ran():
    assert found("    await f()  # noqa: LS101\n", select=("LS2", "LS002")) == []
    assert found("    await f()  # noqa: LS101\n", ignore=("LS002",)) == []


@pytest.mark.parametrize("line, fixed", [
    ("await f()  # noqa: LS101", "await f()"),
    ("await f()  # NOQA:ls101,E501", "await f()  # NOQA:E501"),
    ("await f()  # noqa: E501, LS101, LS104", "await f()  # noqa: E501"),
    ("time.sleep(1)  # noqa: LS104, LS101", "time.sleep(1)  # noqa: LS101"),
    ("await f()  # type: ignore  # noqa: LS101", "await f()  # type: ignore"),
    # an explanation after the codes: rewording it is for a person
    ("await f()  # noqa: LS101 -- on purpose", None),
])
def test_fix_removes_what_is_unused(line, fixed):
    from loopsafe.linter.fixes import apply_fixes

    source = f"import time\n\n\nasync def f():\n    {line}\n"
    unused = [d for d in lint_source(source.encode(), "m.py", Settings()) if d.code == "LS002"]
    assert len(unused) == 1
    if fixed is None:
        assert unused[0].fix is None
        return
    text, applied = apply_fixes(source, [unused[0].fix])
    assert (applied, text.splitlines()[4]) == (1, f"    {fixed}")
    assert [d.code for d in lint_source(text.encode(), "m.py", Settings())] == \
        (["LS101"] if "sleep" in line and "LS101" not in fixed else [])

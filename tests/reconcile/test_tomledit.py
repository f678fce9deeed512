"""``--write-config``'s edit of a TOML file: the entries land in the array (or a new key or
table) in the file's own style, and nothing else in the file changes."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, strategies as st

from loopsafe.linter.reconcile.tomledit import ConfigEditError, add_blocking_calls

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

TOOL = ("tool", "loopsafe")


def edit(text: str, *entries: str, table=TOOL) -> str:
    return add_blocking_calls(text, table, list(entries))[0]


def test_a_new_key_goes_after_the_tables_last_entry_keeping_comments():
    text = ('[project]\nname = "x"  # the name\n\n[tool.loopsafe]\n# generated code\n'
            'exclude = ["gen"]  # why\n\n# next\n[tool.other]\nk = 1\n')
    assert edit(text, "sdk.fetch") == (
        '[project]\nname = "x"  # the name\n\n[tool.loopsafe]\n# generated code\n'
        'exclude = ["gen"]  # why\nblocking-calls = ["sdk.fetch"]\n\n# next\n[tool.other]\nk = 1\n')


@pytest.mark.parametrize(("before", "after"), [
    ('blocking-calls = ["a.b"]\n', 'blocking-calls = ["a.b", "sdk.fetch"]\n'),
    ('blocking-calls = [ ]\n', 'blocking-calls = ["sdk.fetch"]\n'),
    ('blocking-calls = ["a.b",]  # c\n', 'blocking-calls = ["a.b", "sdk.fetch",]  # c\n'),
    ('blocking-calls = [\n    "a.b",  # legacy\n    "c.d"\n]\n',
     'blocking-calls = [\n    "a.b",  # legacy\n    "c.d",\n    "sdk.fetch"\n]\n'),
    ('blocking-calls = [\n    "a.b",\n    "c.d",  # why\n]\n',
     'blocking-calls = [\n    "a.b",\n    "c.d",  # why\n    "sdk.fetch",\n]\n'),
    ('blocking-calls = [\n  "a.b"  # why\n]\n', 'blocking-calls = [\n  "a.b",  # why\n  "sdk.fetch"\n]\n'),
    ('blocking-calls = ["a.b",\n                  "c.d"]\n',
     'blocking-calls = ["a.b",\n                  "c.d", "sdk.fetch"]\n'),
    ('blocking-calls = [\n]\n', 'blocking-calls = [\n    "sdk.fetch",\n]\n'),
    ("'blocking-calls' = ['a.b']\n", "'blocking-calls' = ['a.b', \"sdk.fetch\"]\n"),
])
def test_an_existing_array_is_extended_in_its_own_style(before, after):
    assert edit("[tool.loopsafe]\n" + before, "sdk.fetch") == "[tool.loopsafe]\n" + after


def test_a_file_without_the_table_gets_one_at_the_end():
    assert edit('[project]\nname = "x"', "sdk.fetch") == (
        '[project]\nname = "x"\n\n[tool.loopsafe]\nblocking-calls = ["sdk.fetch"]\n')
    assert edit("", "sdk.fetch") == '[tool.loopsafe]\nblocking-calls = ["sdk.fetch"]\n'


def test_an_empty_table_followed_by_another():
    assert edit("[tool.loopsafe]\n[tool.x]\na = 1\n", "s.f") == (
        '[tool.loopsafe]\nblocking-calls = ["s.f"]\n[tool.x]\na = 1\n')


def test_headers_in_strings_and_odd_spellings_of_the_header():
    text = ('doc = """\n[tool.loopsafe]\nblocking-calls = []\n"""\n'
            '[ tool . "loopsafe" ]  # ours\nper-file-ignores = {"a/**" = ["LS1"], "b" = []}\n')
    assert edit(text, "s.f") == text + 'blocking-calls = ["s.f"]\n'


def test_a_loopsafe_only_file_has_its_keys_at_the_top():
    assert edit('select = ["LS1"]\n', "s.f", table=()) == 'select = ["LS1"]\nblocking-calls = ["s.f"]\n'
    assert edit("", "s.f", table=()) == 'blocking-calls = ["s.f"]\n'
    assert edit("[other]\nx = 1\n", "s.f", table=()) == 'blocking-calls = ["s.f"]\n[other]\nx = 1\n'


def test_windows_line_ends_are_kept():
    assert edit("[tool.loopsafe]\r\nblocking-calls = [\r\n    \"a.b\",\r\n]\r\n", "s.f") == (
        "[tool.loopsafe]\r\nblocking-calls = [\r\n    \"a.b\",\r\n    \"s.f\",\r\n]\r\n")


def test_entries_already_there_are_not_added_twice():
    assert add_blocking_calls('[tool.loopsafe]\nblocking-calls = ["a.b"]\n', TOOL, ["a.b", "a.b"]) == (
        '[tool.loopsafe]\nblocking-calls = ["a.b"]\n', [])


@pytest.mark.parametrize(("text", "problem"), [
    ("[tool]\nloopsafe.exclude = []\n", "[tool.loopsafe] is written with dotted keys, not as a table"),
    ('[tool.loopsafe]\nblocking-calls = "a.b"\n', "blocking-calls is not an array"),
    ("[tool.loopsafe\n", "invalid TOML: "),
])
def test_what_cannot_be_edited_safely_is_refused(text, problem):
    with pytest.raises(ConfigEditError, match="^" + problem.replace("[", r"\[").replace(".", r"\.")):
        edit(text, "s.f")


names = st.from_regex(r"[a-z_][a-z0-9_]{0,6}(\.[a-z_][a-z0-9_]{0,6}){0,2}", fullmatch=True)
comment = st.sampled_from(["", "  # note", " #[tool.x]"])


@st.composite
def arrays(draw) -> tuple[str, list[str]]:
    """A ``blocking-calls`` array in one of the layouts people write."""
    items = draw(st.lists(names, max_size=4, unique=True))
    quoted = [f'"{n}"' if draw(st.booleans()) else f"'{n}'" for n in items]
    if draw(st.booleans()):  # one line
        trailing = "," if items and draw(st.booleans()) else ""
        return "[" + ", ".join(quoted) + trailing + "]" + draw(comment), items
    indent = draw(st.sampled_from(["  ", "    ", "\t"]))
    lines = [f"{indent}{q}{',' if i < len(quoted) - 1 or draw(st.booleans()) else ''}{draw(comment)}"
             for i, q in enumerate(quoted)]
    return "[" + draw(comment) + "\n" + "".join(line + "\n" for line in lines) + "]", items


@given(arrays(), st.lists(names, min_size=1, max_size=3), st.booleans(), comment)
def test_any_layout_gains_exactly_the_new_entries(array, new, other_tables, header_comment):
    text_array, items = array
    before = (('[project]\nname = "x"\n\n' if other_tables else "")
              + f"[tool.loopsafe]{header_comment}\nexclude = ['gen']\nblocking-calls = {text_array}\n"
              + ("\n[tool.other]\nblocking-calls = ['not.ours']\n" if other_tables else ""))
    after, added = add_blocking_calls(before, TOOL, new)
    assert added == [n for n in dict.fromkeys(new) if n not in items]
    parsed = tomllib.loads(after)
    assert parsed["tool"]["loopsafe"]["blocking-calls"] == items + added
    assert parsed["tool"]["loopsafe"]["exclude"] == ["gen"]
    if other_tables:
        assert parsed["tool"]["other"] == {"blocking-calls": ["not.ours"]}
    # only the array changed: the text before it is untouched
    assert after.startswith(before[: before.index("blocking-calls = [")])

"""Fixes apply whole or not at all, never overlap, and show as a git-style diff."""

from hypothesis import given, strategies as st

from loopsafe.linter.diagnostics import Edit, Fix
from loopsafe.linter.fixes import FileFix, apply_fixes, plan, unified_diff

from .interface_helpers import SLEEPY, diag, replace

AWAIT = replace(5, 5, 18, "await asyncio.sleep(1)")
IMPORT = Fix("import asyncio", (Edit(1, 1, 1, 1, "import asyncio\n"),))
FIXED = "import asyncio\nimport time\n\n\nasync def fetch():\n    await asyncio.sleep(1)\n"


def test_a_fix_with_several_edits():
    both = Fix("use asyncio.sleep", AWAIT.edits + IMPORT.edits)
    assert apply_fixes(SLEEPY, [both]) == (FIXED, 1)


def test_overlapping_fix_is_left_for_a_later_pass():
    other = replace(5, 10, 15, "nap")
    awaited = SLEEPY.replace("time.sleep(1)", "await asyncio.sleep(1)")
    assert apply_fixes(SLEEPY, [AWAIT, other]) == (awaited, 1)
    other_import = Fix("import time", (Edit(1, 1, 1, 1, "import sys\n"),))
    assert apply_fixes(SLEEPY, [IMPORT, other_import]) == ("import asyncio\n" + SLEEPY, 1)


def test_an_edit_two_fixes_share_is_made_once():
    # two LS101 fixes in one file each add `import asyncio` at the same place
    sleepy_twice = SLEEPY + "    time.sleep(2)\n"
    first = Fix("first", AWAIT.edits + IMPORT.edits)
    second = Fix("second", (Edit(6, 5, 6, 18, "await asyncio.sleep(2)"), *IMPORT.edits))
    assert apply_fixes(sleepy_twice, [first, second]) == (FIXED + "    await asyncio.sleep(2)\n", 2)


def test_out_of_range_or_inverted_fix_is_skipped():
    for bad in (replace(99, 1, 2, "x"), replace(5, 5, 99, "x"), replace(5, 9, 5, "x"),
                Fix("self-overlap", (Edit(5, 5, 5, 10, "a"), Edit(5, 8, 5, 12, "b")))):
        assert apply_fixes(SLEEPY, [bad]) == (SLEEPY, 0)


def test_edit_at_the_very_end():
    assert apply_fixes("x = 1\n", [Fix("append", (Edit(2, 1, 2, 1, "y = 2\n"),))]) == ("x = 1\ny = 2\n", 1)


def test_columns_count_code_points():
    text = "s = 'é'; time.sleep(1)\n"
    assert apply_fixes(text, [replace(1, 10, 23, "pass")]) == ("s = 'é'; pass\n", 1)


def test_plan_groups_by_file_and_skips_unfixable(tmp_path):
    texts = {"a.py": SLEEPY, "b.py": SLEEPY}
    changes = plan([diag(path="b.py", fix=AWAIT), diag(path="a.py"), diag(path="b.py", fix=IMPORT)],
                   texts.__getitem__)
    assert [(c.path, c.applied) for c in changes] == [("b.py", 2)]
    assert changes[0].after == FIXED


def test_unified_diff():
    assert unified_diff(FileFix("pkg/a.py", SLEEPY, FIXED, 2)) == (
        "--- a/pkg/a.py\n+++ b/pkg/a.py\n"
        "@@ -1,5 +1,6 @@\n"
        "+import asyncio\n import time\n \n \n async def fetch():\n"
        "-    time.sleep(1)\n+    await asyncio.sleep(1)\n")
    assert unified_diff(FileFix("x.py", "a", "b", 1)) == (
        "--- a/x.py\n+++ b/x.py\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n"
        "+b\n\\ No newline at end of file\n")


lines = st.lists(st.text(alphabet="ab é\t", max_size=8), min_size=1, max_size=5)


@st.composite
def text_and_edits(draw):
    """A text and non-overlapping single-line replacements, with the text they should give."""
    text_lines = draw(lines)
    edits, expected = [], []
    for number, line in enumerate(text_lines, start=1):
        if line and draw(st.booleans()):
            start, end = sorted(draw(st.lists(st.integers(0, len(line)), min_size=2, max_size=2,
                                              unique=True)))
            content = draw(st.text(alphabet="xyz\n", max_size=4))
            edits.append(Fix("f", (Edit(number, start + 1, number, end + 1, content),)))
            line = line[:start] + content + line[end:]
        expected.append(line)
    return "\n".join(text_lines) + "\n", draw(st.permutations(edits)), "\n".join(expected) + "\n"


@given(text_and_edits())
def test_independent_fixes_all_apply_in_any_order(case):
    text, fixes, expected = case
    assert apply_fixes(text, fixes) == (expected, len(fixes))

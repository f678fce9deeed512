"""Properties of name resolution: what a name means depends on its binding, not
its spelling."""

from __future__ import annotations

import keyword

from hypothesis import given, settings, strategies as st

from loopsafe.linter.engine import lint_source
from loopsafe.linter.settings import Settings

identifiers = st.from_regex(r"[a-z_][a-z0-9_]{0,12}", fullmatch=True).filter(
    lambda s: not keyword.iskeyword(s) and s not in {"time", "asyncio", "f", "main"})


def _codes(source: str) -> list[tuple[int, str]]:
    diagnostics = lint_source(source.encode(), "snippet.py", Settings(cache=False))
    return [(d.line, d.code) for d in diagnostics]


@settings(max_examples=40, deadline=None)
@given(alias=identifiers)
def test_any_alias_of_time_sleep_is_found(alias: str) -> None:
    source = f"from time import sleep as {alias}\n\nasync def main():\n    {alias}(1)\n"
    assert _codes(source) == [(4, "LS101")]


@settings(max_examples=40, deadline=None)
@given(alias=identifiers)
def test_any_module_alias_is_followed(alias: str) -> None:
    source = f"import time as {alias}\n\nasync def main():\n    {alias}.sleep(1)\n"
    assert _codes(source) == [(4, "LS101")]


@settings(max_examples=40, deadline=None)
@given(alias=identifiers, shadow=st.sampled_from(["param", "local_def", "assignment", "for_target"]))
def test_a_shadowing_binding_hides_the_import(alias: str, shadow: str) -> None:
    bodies = {
        "param": (f"async def main({alias}):\n", f"    {alias}(1)\n"),
        "local_def": ("async def main():\n", f"    def {alias}(x):\n        return x\n    {alias}(1)\n"),
        "assignment": ("async def main():\n", f"    {alias} = print\n    {alias}(1)\n"),
        "for_target": ("async def main(fs):\n", f"    for {alias} in fs:\n        {alias}(1)\n"),
    }
    head, body = bodies[shadow]
    source = f"from time import sleep as {alias}\n\n{head}{body}"
    assert _codes(source) == []


@settings(max_examples=25, deadline=None)
@given(depth=st.integers(min_value=1, max_value=12))
def test_blocking_is_found_through_any_depth_of_helpers(depth: int) -> None:
    helpers = "".join(f"def h{i}():\n    h{i + 1}()\n\n" for i in range(depth))
    source = f"import time\n\n{helpers}def h{depth}():\n    time.sleep(1)\n\nasync def main():\n    h0()\n"
    findings = _codes(source)
    assert [code for _, code in findings] == ["LS101"]
    assert findings[0][0] == source.count("\n")  # the call in the coroutine, the last line

"""``# noqa`` comments, with flake8's syntax, so one comment serves both tools.

``# noqa`` alone silences every finding on its line; ``# noqa: LS101,LS2``
silences the listed codes and every code starting with a listed prefix. Case
and the space after the colon do not matter. As in flake8, ``# noqa:`` followed
by something that is not a code list is a bare ``# noqa``. Unknown codes in a
comment are not an error: the comment may be meant for another tool.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A code is letters then digits (LS101, E501, ASYNC251); a prefix such as LS1 is a
# code too. A letters-only word is not, so "# noqa: because" stays a bare noqa.
_CODE = r"[a-z]+[0-9]+"
_NOQA = re.compile(
    rf"#\s*noqa(?::\s?(?P<codes>{_CODE}(?:[,\s]+{_CODE})*))?",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def parse(line_text: str) -> frozenset[str] | None:
    """The codes a line's ``# noqa`` names: ``None`` without a comment, empty for a bare one."""
    match = _NOQA.search(line_text)
    if match is None:
        return None
    codes = match.group("codes")
    return frozenset(re.split(r"[,\s]+", codes.upper())) if codes else frozenset()


def is_suppressed(code: str, line_text: str) -> bool:
    """Whether ``line_text`` carries a ``# noqa`` that covers ``code``."""
    codes = parse(line_text)
    if codes is None:
        return False
    return not codes or any(code.startswith(prefix) for prefix in codes)

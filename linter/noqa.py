"""``# noqa`` comments, with flake8's syntax, so one comment serves both tools.

``# noqa`` alone silences every finding on its line; ``# noqa: LS101,LS2``
silences the listed codes and every code starting with a listed prefix. Case
and the space after the colon do not matter. As in flake8, ``# noqa:`` followed
by something that is not a code list is a bare ``# noqa``. Unknown codes in a
comment are not an error: the comment may be meant for another tool.

Comments are found with ``tokenize``, so ``x = "# noqa"`` (a string) silences
nothing. A comment that is alone on its line and reads ``# flake8: noqa`` or
``# loopsafe: noqa`` silences the whole file; ``# loopsafe: noqa: LS1`` only
the listed codes (flake8 ignores ``# flake8: noqa: CODES``, and so does this).

The codes flake8-async and ruff give the same blocking calls are honoured as
their loopsafe code (``# noqa: ASYNC251`` silences LS101), so code bases that
already carry them need no second comment. A listed loopsafe code that
silenced nothing is reported as LS002 (``Suppressions.unused``), as ruff's
RUF100 does: a stale suppression would hide the next real finding on its line.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterator

UNUSED = "LS002"

# A code is letters then digits (LS101, E501, ASYNC251); a prefix such as LS1 is a
# code too. A letters-only word is not, so "# noqa: because" stays a bare noqa.
_CODE = r"[a-z]+[0-9]+"
_CODES = rf"(?P<codes>{_CODE}(?:[,\s]+{_CODE})*)"
_NOQA = re.compile(rf"#\s*noqa(?::\s?{_CODES})?", re.IGNORECASE)
_FILE_NOQA = re.compile(rf"#\s*(?P<tool>flake8|loopsafe)[:=]\s*noqa(?::\s?{_CODES})?\s*\Z",
                        re.IGNORECASE)

# flake8-async / ruff ASYNC codes -> the loopsafe rule that reports the same call.
ASYNC_CODES = {
    **dict.fromkeys(("ASYNC210", "ASYNC211", "ASYNC212"), "LS102"),  # HTTP / network
    **dict.fromkeys(("ASYNC220", "ASYNC221", "ASYNC222"), "LS103"),  # subprocess
    "ASYNC230": "LS104",  # open()
    "ASYNC250": "LS106",  # input()
    "ASYNC251": "LS101",  # time.sleep()
}


def _split(codes: str | None) -> frozenset[str]:
    return frozenset(re.split(r"[,\s]+", codes.upper())) if codes else frozenset()


@lru_cache(maxsize=4096)
def parse(comment: str) -> frozenset[str] | None:
    """The codes a comment's ``# noqa`` names: ``None`` without one, empty for a bare one."""
    match = _NOQA.search(comment)
    return None if match is None else _split(match.group("codes"))


def covers(listed: frozenset[str], code: str) -> bool:
    """Whether a ``# noqa`` listing ``listed`` (empty: bare) silences ``code``."""
    return not listed or any(code.startswith(ASYNC_CODES.get(prefix, prefix)) for prefix in listed)


@dataclass
class Comment:
    """One ``# noqa`` comment and the codes it silenced so far."""

    line: int
    column: int  # 1-based, where the comment starts
    end_column: int
    codes: frozenset[str]  # empty: bare
    used: set[str] = field(default_factory=set)
    # for the fix: the listed codes as written, in order, and where they are
    written: tuple[str, ...] = ()
    codes_span: tuple[int, int] = (0, 0)
    removable: tuple[int, int] | None = None  # "  # noqa: ..." with the space before it

    def without(self, stale: list[str]) -> tuple[int, int, str] | None:
        """The edit (start column, end column, new text) that drops ``stale`` from the
        comment: the rest of the list if some codes stay, else the whole ``# noqa``
        when that leaves the line's code as it was; None when no edit is safe."""
        keep = [code for code in self.written if code.upper() not in stale]
        if keep:
            return (*self.codes_span, ", ".join(keep))
        return (*self.removable, "") if self.removable else None


def _comment(line: int, column: int, text: str, line_text: str) -> Comment | None:
    match = _NOQA.search(text)
    if match is None:
        return None
    codes = match.group("codes")
    start = column + match.start()
    before = line_text[:start]
    # the whole "# noqa: ..." can go when code precedes it and nothing follows it
    removable = None
    if before.strip() and not text[match.end():].strip():
        removable = (len(before.rstrip()) + 1, column + len(text) + 1)
    return Comment(line, column + 1, column + 1 + len(text), _split(codes),
                   written=tuple(re.split(r"[,\s]+", codes)) if codes else (),
                   codes_span=(column + match.start("codes") + 1, column + match.end("codes") + 1)
                   if codes else (0, 0),
                   removable=removable)


def _comments(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(line, 0-based column, text, text of the line) of each comment, up to a tokenizer
    error: an unparseable file still gets the comments before it."""
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                yield token.start[0], token.start[1], token.string, token.line
    except (tokenize.TokenError, SyntaxError):  # IndentationError is a SyntaxError
        return


class Suppressions:
    """The ``# noqa`` comments of one file: which findings they silence, which silenced nothing."""

    def __init__(self, text: str):
        self.by_line: dict[int, Comment] = {}
        self.file_codes: frozenset[str] | None = None  # None: no file-level comment
        for line, column, comment, line_text in _comments(text):
            alone = not line_text[:column].strip()
            whole = _FILE_NOQA.match(comment) if alone else None
            if whole is not None:
                codes = _split(whole.group("codes"))
                if codes and whole.group("tool").lower() == "flake8":
                    continue  # as flake8 does: a file-level noqa with codes is ignored
                self._silence_file(codes)
                continue
            found = _comment(line, column, comment, line_text)
            if found is not None:
                self.by_line[line] = found

    def _silence_file(self, codes: frozenset[str]) -> None:
        if not codes or self.file_codes == frozenset():
            self.file_codes = frozenset()  # a bare one silences everything
        else:
            self.file_codes = (self.file_codes or frozenset()) | codes

    def suppressed(self, code: str, line: int) -> bool:
        """Whether ``code`` on ``line`` is silenced (by its line's comment or the file's)."""
        if self.file_codes is not None and covers(self.file_codes, code):
            return True
        comment = self.by_line.get(line)
        if comment is None or not covers(comment.codes, code):
            return False
        comment.used.add(code)
        return True

    def unused(self, enabled: Callable[[str], bool]) -> Iterator[tuple[Comment, list[str]]]:
        """Each comment with the loopsafe codes it lists that silenced nothing.

        Only ``LS`` codes of enabled rules count: a bare ``# noqa`` or another tool's
        code may serve that tool, and a rule that did not run could not be silenced.
        """
        for comment in self.by_line.values():
            stale = sorted(code for code in comment.codes
                           if code.startswith("LS") and enabled(code)
                           and not any(used.startswith(code) for used in comment.used))
            if stale:
                yield comment, stale


def is_suppressed(code: str, line_text: str) -> bool:
    """Whether the one line ``line_text`` carries a ``# noqa`` comment that covers ``code``."""
    return Suppressions(line_text).suppressed(code, 1)

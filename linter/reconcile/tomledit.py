"""Adding entries to ``blocking-calls`` in a TOML file by editing its text.

``tomllib`` reads TOML but cannot write it, and rewriting the file from parsed
data would drop its comments and layout. So the file is scanned just enough to
find the table and the array (strings, comments, nested arrays and inline
tables are skipped as TOML defines them), the new entries are inserted in the
array's own style (one per line in a multi-line array, after a comma in a
one-line one), and the result is parsed again: unless it holds exactly the old
document plus the new entries, nothing is written.
"""

from __future__ import annotations

import copy
import json
import sys
from dataclasses import dataclass, field
from typing import Any, Sequence

from loopsafe.linter.settings import UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

KEY = "blocking-calls"


class ConfigEditError(UsageError):
    """The file cannot be edited safely; the message says what to add by hand."""


@dataclass
class _Array:
    open: int  # offset of "["
    close: int  # offset of "]"
    items: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of each value


@dataclass
class _Entry:
    """A ``key = value`` line: the table it is in, its dotted key, where it ends."""

    path: tuple[str, ...]  # table names + key parts
    line_end: int  # offset of the newline ending the statement (or the end of the text)
    array: _Array | None


@dataclass
class _Header:
    names: tuple[str, ...]
    array_table: bool
    line_end: int


_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    # -- characters ---------------------------------------------------------------------------

    def _peek(self, n: int = 1) -> str:
        return self.text[self.pos:self.pos + n]

    def _fail(self, what: str) -> ConfigEditError:
        line = self.text.count("\n", 0, self.pos) + 1
        return ConfigEditError(f"line {line}: {what}")

    def _blanks(self) -> None:
        while self._peek() in (" ", "\t") and self._peek():
            self.pos += 1

    def _comment(self) -> None:
        if self._peek() == "#":
            end = self.text.find("\n", self.pos)
            self.pos = len(self.text) if end < 0 else end

    def _newline(self) -> bool:
        if self._peek() == "\n":
            self.pos += 1
            return True
        if self._peek(2) == "\r\n":
            self.pos += 2
            return True
        return False

    def _filler(self) -> None:
        """Blanks, comments and newlines (inside an array)."""
        while True:
            start = self.pos
            self._blanks()
            self._comment()
            self._newline()
            if self.pos == start:
                return

    def _string(self) -> str:
        quote = self._peek()
        if self._peek(3) == quote * 3:
            end = self.text.find(quote * 3, self.pos + 3)
            if end < 0:
                raise self._fail("unterminated multi-line string")
            end += 3
            while self.text[end:end + 1] == quote:  # up to two quotes may end the content
                end += 1
            raw = self.text[self.pos:end]
            self.pos = end
            return raw
        end = self.pos + 1
        while end < len(self.text) and self.text[end] != quote and self.text[end] != "\n":
            end += 2 if quote == '"' and self.text[end] == "\\" else 1
        if end >= len(self.text) or self.text[end] != quote:
            raise self._fail("unterminated string")
        raw = self.text[self.pos:end + 1]
        self.pos = end + 1
        return raw

    # -- keys and values -------------------------------------------------------------------------

    def _key(self, stop: str) -> tuple[str, ...]:
        parts = []
        while True:
            self._blanks()
            if self._peek() in ('"', "'"):
                parts.append(tomllib.loads(f"k = {self._string()}")["k"])
            else:
                start = self.pos
                while self._peek() and self._peek() in _BARE:
                    self.pos += 1
                if self.pos == start:
                    raise self._fail(f"expected a key, found {self._peek()!r}")
                parts.append(self.text[start:self.pos])
            self._blanks()
            if self._peek() != ".":
                break
            self.pos += 1
        if not self.text.startswith(stop, self.pos):
            raise self._fail(f"expected {stop!r} after the key")
        self.pos += len(stop)
        return tuple(parts)

    def _value(self) -> _Array | None:
        char = self._peek()
        if char in ('"', "'"):
            self._string()
        elif char == "[":
            return self._array()
        elif char == "{":
            self._inline_table()
        else:  # a number, boolean or date: up to a separator
            start = self.pos
            while self._peek() and self._peek() not in ",]}#\n\r" and \
                    not (self._peek() == " " and self.text[self.pos + 1:self.pos + 2] in ",]}#\n\r"):
                self.pos += 1
            if self.pos == start:
                raise self._fail(f"expected a value, found {char!r}")
        return None

    def _array(self) -> _Array:
        array = _Array(self.pos, -1)
        self.pos += 1
        while True:
            self._filler()
            if self._peek() == "]":
                array.close = self.pos
                self.pos += 1
                return array
            if not self._peek():
                raise self._fail("unterminated array")
            start = self.pos
            self._value()
            array.items.append((start, self.pos))
            self._filler()
            if self._peek() == ",":
                self.pos += 1
            elif self._peek() != "]":
                raise self._fail("expected ',' or ']' in an array")

    def _inline_table(self) -> None:
        self.pos += 1
        self._blanks()
        if self._peek() == "}":
            self.pos += 1
            return
        while True:
            self._key("=")
            self._blanks()
            self._value()
            self._blanks()
            if self._peek() == "}":
                self.pos += 1
                return
            if self._peek() != ",":
                raise self._fail("expected ',' or '}' in an inline table")
            self.pos += 1

    # -- statements ------------------------------------------------------------------------------

    def _line_end(self) -> int:
        self._blanks()
        self._comment()
        end = self.pos
        if self._peek() and not self._newline():
            raise self._fail("expected the end of the line")
        return end

    def statements(self) -> list[_Header | _Entry]:
        found: list[_Header | _Entry] = []
        table: tuple[str, ...] = ()
        while True:
            self._filler()
            if not self._peek():
                return found
            if self._peek() == "[":
                array_table = self._peek(2) == "[["
                self.pos += 2 if array_table else 1
                table = self._key("]]" if array_table else "]")
                found.append(_Header(table, array_table, self._line_end()))
                continue
            key = self._key("=")
            self._blanks()
            array = self._value()
            found.append(_Entry(table + key, self._line_end(), array))


def _newline_of(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _indent_of(text: str, offset: int) -> str:
    line_start = text.rfind("\n", 0, offset) + 1
    line = text[line_start:offset]
    return line[: len(line) - len(line.lstrip(" \t"))]


def _extend_array(text: str, array: _Array, entries: Sequence[str]) -> str:
    quoted = [json.dumps(e) for e in entries]
    nl = _newline_of(text)
    if not array.items:
        inside = text[array.open + 1:array.close]
        if "\n" not in inside:
            return text[:array.open + 1] + ", ".join(quoted) + text[array.close:]
        indent = _indent_of(text, array.close) + "    "
        return (text[:array.close].rstrip(" \t") + "".join(f"{indent}{q},{nl}" for q in quoted)
                + _indent_of(text, array.close) + text[array.close:])
    last_start, last_end = array.items[-1]
    if "\n" not in text[last_end:array.close]:
        # `]` on the last value's line (a one-line array included): continue that line
        return text[:last_end] + "".join(f", {q}" for q in quoted) + text[last_end:]
    after = text[last_end:array.close]
    has_comma = after.lstrip(" \t").startswith(",")
    comment_end = last_end + after.index("\n")
    if after[:comment_end - last_end].endswith("\r"):
        comment_end -= 1
    indent = _indent_of(text, last_start)
    added = "".join(f"{nl}{indent}{q}," for q in quoted)
    if not has_comma:
        added = added[:-1]  # keep the array's style: no comma after the last value
        return text[:last_end] + "," + text[last_end:comment_end] + added + text[comment_end:]
    return text[:comment_end] + added + text[comment_end:]


def _line(entries: Sequence[str]) -> str:
    return f"{KEY} = [{', '.join(json.dumps(e) for e in entries)}]"


def _insert_line(text: str, at: int, entries: Sequence[str], before: bool = False) -> str:
    """A new ``blocking-calls = [...]`` line at offset ``at``: a line's end, or with
    ``before`` a line's start."""
    nl = _newline_of(text)
    return text[:at] + (_line(entries) + nl if before else nl + _line(entries)) + text[at:]


def _append(text: str, lines: Sequence[str]) -> str:
    """``lines`` at the end of ``text``, after a blank line when there is text above."""
    nl = _newline_of(text)
    body = text if not text or text.endswith("\n") else text + nl
    return body + (nl if body.strip() else "") + "".join(line + nl for line in lines)


def _table_of(document: dict[str, Any], table: tuple[str, ...]) -> Any:
    for name in table:
        if not isinstance(document, dict):
            return None
        document = document.get(name)
    return document


def _edit(text: str, table: tuple[str, ...], entries: Sequence[str]) -> str:
    statements = _Scanner(text).statements()
    target = table + (KEY,)
    for statement in statements:
        if isinstance(statement, _Entry) and statement.path == target:
            if statement.array is None:
                raise ConfigEditError(f"{KEY} is not an array")
            return _extend_array(text, statement.array, entries)
    if table:
        start = next((i for i, s in enumerate(statements)
                      if isinstance(s, _Header) and s.names == table and not s.array_table), None)
        if start is None:
            if any(isinstance(s, _Entry) and s.path[:len(table)] == table for s in statements):
                raise ConfigEditError(f"[{'.'.join(table)}] is written with dotted keys, not as a table")
            return _append(text, ["[" + ".".join(table) + "]", _line(entries)])
        start += 1
    else:  # a loopsafe-only file: its keys come before the first table
        start = 0
    body = []
    for statement in statements[start:]:
        if isinstance(statement, _Header):
            break
        body.append(statement)
    if body:
        return _insert_line(text, body[-1].line_end, entries)
    if table:
        return _insert_line(text, statements[start - 1].line_end, entries)
    if statements:
        return _insert_line(text, 0, entries, before=True)
    return _append(text, [_line(entries)])


def add_blocking_calls(text: str, table: tuple[str, ...], entries: Sequence[str]) -> tuple[str, list[str]]:
    """``text`` with ``entries`` added to ``blocking-calls`` in ``table`` (``("tool",
    "loopsafe")`` in a pyproject.toml, ``()`` for a loopsafe-only file), and the entries
    actually added (those not there yet). Raises ``ConfigEditError`` when the file cannot
    be edited safely."""
    try:
        before = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigEditError(f"invalid TOML: {exc}") from None
    section = _table_of(before, table)
    existing = section.get(KEY, []) if isinstance(section, dict) else []
    if not isinstance(existing, list):
        raise ConfigEditError(f"{KEY} is not an array")
    added = [e for e in dict.fromkeys(entries) if e not in existing]
    if not added:
        return text, []
    edited = _edit(text, table, added)
    try:
        after = tomllib.loads(edited)
    except tomllib.TOMLDecodeError:
        after = None
    expected = copy.deepcopy(before)
    holder = expected
    for name in table:
        holder = holder.setdefault(name, {})
    holder[KEY] = [*existing, *added]
    if after != expected:
        raise ConfigEditError("the edit would not give the expected document")
    return edited, added

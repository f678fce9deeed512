"""``[tool.loopsafe]``: find it, check it, and merge it with the command line into ``Settings``.

Every mistake a user can make here is a ``ConfigError`` whose message names the
file, the key and what was wrong (an unknown key, a value of the wrong type, a
rule code that does not exist, a TOML syntax error with its line), which the CLI
prints and turns into exit status 2. Silently ignoring a misspelt key would
leave a user believing a rule is off when it is not.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from loopsafe.linter import globs, stamps
from loopsafe.linter.constants import CONFIDENCES, PYPROJECT, STANDALONE
from loopsafe.linter.settings import Settings, UsageError

if TYPE_CHECKING:
    from loopsafe.linter.warm import Inputs

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib


class ConfigError(UsageError):
    """The configuration or a command-line selection is invalid."""


_QUALIFIED_NAME = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*\Z")


def known_codes() -> frozenset[str]:
    """The codes of the rule registry: the only codes a selection may name (read without
    importing a rule, which would load the analysis)."""
    from loopsafe.linter import rules

    return frozenset(rules.codes())


def check_codes(prefixes: Iterable[str], where: str) -> tuple[str, ...]:
    """``prefixes`` upper-cased, or a ``ConfigError`` naming the first that selects no rule."""
    codes = known_codes()
    checked = []
    for prefix in prefixes:
        prefix = prefix.strip().upper()
        if not prefix or not any(code.startswith(prefix) for code in codes):
            raise ConfigError(f"{where}: unknown rule code or prefix {prefix!r}")
        checked.append(prefix)
    return tuple(checked)


# --- reading one file --------------------------------------------------------------------------

def _type_name(value: Any) -> str:
    return {str: "a string", bool: "a boolean", int: "an integer", float: "a number",
            list: "an array", dict: "a table"}.get(type(value), type(value).__name__)


def _got(value: Any) -> str:
    return f"got {_type_name(value)} ({value!r})"


@dataclass(frozen=True)
class _Key:
    """One allowed key: the Settings field it fills and how its value is checked."""

    field: str
    check: Callable[[Any, str], Any]


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected an array of strings, {_got(value)}")
    return tuple(value)


def _codes(value: Any, where: str) -> tuple[str, ...]:
    return check_codes(_strings(value, where), where)


def _qualified_names(value: Any, where: str) -> tuple[str, ...]:
    names = _strings(value, where)
    for name in names:
        if not _QUALIFIED_NAME.match(name):
            raise ConfigError(f"{where}: {name!r} is not a qualified name like 'package.module.function'")
    return names


def _per_file_ignores(value: Any, where: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table of pattern = [codes], {_got(value)}")
    return {pattern: _codes(codes, f"{where}.{pattern!r}") for pattern, codes in value.items()}


def _returns(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table of function = type, {_got(value)}")
    for callee, type_name in value.items():
        if not isinstance(type_name, str):
            raise ConfigError(f"{where}.{callee!r}: expected a type name as a string, {_got(type_name)}")
        _qualified_names([callee, type_name], where)
    return dict(value)


def _jobs(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"{where}: expected an integer >= 0 (0: one per core), {_got(value)}")
    return value


def _boolean(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: expected true or false, {_got(value)}")
    return value


def _string(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: expected a string, {_got(value)}")
    return value


def _confidence(value: Any, where: str) -> str:
    if value not in CONFIDENCES:
        raise ConfigError(f"{where}: expected one of {', '.join(CONFIDENCES)}, {_got(value)}")
    return value


KEYS: dict[str, _Key] = {
    "select": _Key("select", _codes),
    "ignore": _Key("ignore", _codes),
    "extend-select": _Key("extend_select", _codes),
    "per-file-ignores": _Key("per_file_ignores", _per_file_ignores),
    "exclude": _Key("exclude", _strings),
    "extend-exclude": _Key("extend_exclude", _strings),
    "force-exclude": _Key("force_exclude", _boolean),
    "respect-gitignore": _Key("respect_gitignore", _boolean),
    "blocking-calls": _Key("blocking_calls", _qualified_names),
    "safe-calls": _Key("safe_calls", _qualified_names),
    "blocking-types": _Key("blocking_types", _qualified_names),
    "returns": _Key("returns", _returns),
    "jobs": _Key("jobs", _jobs),
    "min-confidence": _Key("min_confidence", _confidence),
    "cache-dir": _Key("cache_dir", _string),
}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _section(path: Path, document: dict[str, Any]) -> dict[str, Any] | None:
    """The loopsafe table of a file: ``[tool.loopsafe]`` in a pyproject.toml, else the whole file."""
    if path.name != PYPROJECT:
        return document
    tool = document.get("tool")
    return tool.get("loopsafe") if isinstance(tool, dict) else None


def parse_section(table: Any, where: str) -> dict[str, Any]:
    """Validated ``Settings`` fields from a loopsafe table; ``where`` prefixes every message."""
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table, {_got(table)}")
    values: dict[str, Any] = {}
    for key, value in table.items():
        spec = KEYS.get(key)
        if spec is None:
            import difflib

            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(KEYS)})"
            raise ConfigError(f"{where}: unknown key {key!r}{hint}")
        values[spec.field] = spec.check(value, f"{where} {key}")
    return values


@dataclass
class FileConfig:
    """A loaded configuration: where it came from and the Settings fields it sets."""

    path: Path | None
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        """Patterns and relative paths in the file are relative to its folder."""
        return self.path.parent if self.path else Path.cwd()


def _from_table(path: Path, table: Any) -> FileConfig:
    where = f"{path}: [tool.loopsafe]" if path.name == PYPROJECT else str(path)
    return FileConfig(path, parse_section(table, where) if table is not None else {})


def _is_file(path: Path, seen: Inputs | None) -> bool:
    """Whether ``path`` is a file; ``seen`` records its stamp (the settings depend on it)."""
    stamp = stamps.of(str(path))
    if seen is not None:
        seen.file(str(path), stamp)
    return stamp is not None


def load_file(path: Path, seen: Inputs | None = None) -> FileConfig:
    """The configuration in ``path`` (``--config``): a pyproject.toml or a loopsafe-only TOML file."""
    path = path.absolute()
    if not _is_file(path, seen):
        raise ConfigError(f"{path}: configuration file not found")
    return _from_table(path, _section(path, _read_toml(path)))


def find_config(start: Path, seen: Inputs | None = None) -> FileConfig:
    """The nearest configuration at or above ``start``: a ``loopsafe.toml`` (or
    ``.loopsafe.toml``), else a pyproject.toml with a ``[tool.loopsafe]`` table.
    ``seen`` records every file looked for, found or not."""
    start = start.absolute()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        for name in STANDALONE:
            if _is_file(candidate / name, seen):
                return load_file(candidate / name, seen)
        pyproject = candidate / PYPROJECT
        if _is_file(pyproject, seen):
            table = _section(pyproject, _read_toml(pyproject))
            if table is not None:
                return _from_table(pyproject, table)
    return FileConfig(None)


# --- merging with the command line -------------------------------------------------------------

@dataclass
class Overrides:
    """What the command line says about settings; ``None`` means "not given"."""

    config: Path | None = None
    select: Sequence[str] | None = None
    ignore: Sequence[str] = ()
    extend_select: Sequence[str] = ()
    jobs: int | None = None
    cache: bool = True
    exclude: Sequence[str] | None = None
    extend_exclude: Sequence[str] = ()
    force_exclude: bool | None = None
    respect_gitignore: bool | None = None
    min_confidence: str | None = None


def resolve(start: Path, overrides: Overrides, seen: Inputs | None = None) -> Settings:
    """The run's Settings: the command line over the configuration file over the defaults.

    Without ``--config``, the file is searched for from ``start`` (the first path
    checked) upwards.

    As in ruff, ``--select`` starts the selection afresh (the file's select, ignore and
    extend-select no longer apply), while ``--ignore`` and ``--extend-select`` add to
    the file's lists.
    """
    loaded = load_file(overrides.config, seen) if overrides.config else find_config(start, seen)
    values = dict(loaded.values)
    cli_ignore = check_codes(overrides.ignore, "--ignore")
    cli_extend = check_codes(overrides.extend_select, "--extend-select")
    if overrides.select is not None:
        values["select"] = check_codes(overrides.select, "--select")
        values["ignore"] = values["extend_select"] = ()
    values["ignore"] = values.get("ignore", ()) + cli_ignore
    values["extend_select"] = values.get("extend_select", ()) + cli_extend
    if not values.get("select", Settings.select) + values["extend_select"]:
        where = "--select" if overrides.select is not None else f"{loaded.path}: select"
        raise ConfigError(f"{where}: the selection is empty, so nothing would be checked "
                          "(leave it out to check every rule, or name codes such as LS1)")
    if overrides.jobs is not None:
        values["jobs"] = _jobs(overrides.jobs, "--jobs")
    if overrides.exclude is not None:
        values["exclude"] = _from_cwd(overrides.exclude, loaded.root)
    values["extend_exclude"] = (values.get("extend_exclude", ())
                                + _from_cwd(overrides.extend_exclude, loaded.root))
    if overrides.min_confidence is not None:
        values["min_confidence"] = _confidence(overrides.min_confidence, "--min-confidence")
    for key in ("force_exclude", "respect_gitignore"):
        if getattr(overrides, key) is not None:
            values[key] = getattr(overrides, key)
    if "cache_dir" in values:
        values["cache_dir"] = loaded.root / values["cache_dir"]
    return Settings(**values, cache=overrides.cache, root=loaded.root, config_file=loaded.path)


def _from_cwd(patterns: Sequence[str], root: Path) -> tuple[str, ...]:
    """Command-line patterns with a folder in them are relative to the working folder (as
    in ruff); the matcher anchors them at the project root, so they are re-anchored there."""
    try:
        here = Path.cwd().relative_to(root.absolute()).as_posix()
    except ValueError:
        here = "."
    return tuple(f"{here}/{globs.normalize(p)}" if "/" in globs.normalize(p) and here != "." else p
                 for p in patterns)


def _toml(value: Any) -> str:
    """A settings value in TOML (JSON's strings, numbers and arrays are TOML too)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, Path):
        value = str(value)
    return json.dumps(list(value) if isinstance(value, tuple) else value)


def describe(settings: Settings) -> str:
    """The resolved settings as a ``[tool.loopsafe]`` table, with where they came from."""
    source = settings.config_file or "no configuration file (defaults)"
    lines = [f"# from {source}; the command line applied", f"# root: {settings.root}",
             "[tool.loopsafe]"]
    for key, spec in KEYS.items():
        value = getattr(settings, spec.field)
        if value is not None:
            lines.append(f"{key} = {_toml(value)}")
    if not settings.cache:
        lines.append("# cache: off")
    return "\n".join(lines) + "\n"

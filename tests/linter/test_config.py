"""``[tool.loopsafe]``: found by walking up, validated with messages that name the mistake,
merged with the command line; and the selection rules of ``Settings``."""

import re
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from loopsafe.linter.config import ConfigError, Overrides, find_config, load_file, resolve
from loopsafe.linter.settings import Settings

from .interface_helpers import codes


def pyproject(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "pyproject.toml"
    path.write_text(body)
    return path


def settings_from(tmp_path, body: str, **overrides) -> Settings:
    pyproject(tmp_path, body)
    return resolve(tmp_path, Overrides(**overrides))


# --- finding the file --------------------------------------------------------------------------

def test_nearest_file_with_a_loopsafe_table_wins(tmp_path):
    outer = pyproject(tmp_path, "[tool.loopsafe]\nignore = ['LS104']\n")
    pyproject(tmp_path / "pkg", "[project]\nname = 'inner'\n")  # no loopsafe table: skipped
    (tmp_path / "pkg" / "sub").mkdir()
    loaded = find_config(tmp_path / "pkg" / "sub" / "mod.py")
    assert loaded.path == outer
    assert loaded.values == {"ignore": ("LS104",)}
    assert loaded.root == tmp_path


def test_no_file_means_defaults_rooted_at_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = resolve(tmp_path, Overrides())
    assert (settings.select, settings.ignore, settings.root) == (("LS",), (), tmp_path)


def test_every_key(tmp_path):
    settings = settings_from(tmp_path, """
[tool.loopsafe]
select = ["LS1"]
ignore = ["ls104"]
extend-select = ["LS001"]
per-file-ignores = {"tests/**" = ["LS101"]}
exclude = ["gen"]
blocking-calls = ["app.db.query"]
safe-calls = ["app.fast.sleep"]
blocking-types = ["vendor.Client"]
returns = {"vendor.connect" = "vendor.Client"}
jobs = 3
cache-dir = ".cache/loopsafe"
""")
    assert settings == Settings(select=("LS1",), ignore=("LS104",), extend_select=("LS001",),
                                per_file_ignores={"tests/**": ("LS101",)}, exclude=("gen",),
                                blocking_calls=("app.db.query",), safe_calls=("app.fast.sleep",),
                                blocking_types=("vendor.Client",), returns={"vendor.connect": "vendor.Client"},
                                jobs=3, cache=True, cache_dir=tmp_path / ".cache/loopsafe",
                                root=tmp_path, config_file=tmp_path / "pyproject.toml")


def test_config_option_reads_a_loopsafe_only_file(tmp_path):
    path = tmp_path / "strict.toml"
    path.write_text("select = ['LS101']\n")
    settings = resolve(tmp_path / "elsewhere", Overrides(config=path))
    assert (settings.select, settings.root) == (("LS101",), tmp_path)


# --- mistakes ----------------------------------------------------------------------------------

@pytest.mark.parametrize("body, message", [
    ("selct = ['LS1']", r"\[tool.loopsafe\]: unknown key 'selct' \(did you mean 'select'\?\)"),
    ("colour = 'red'", r"unknown key 'colour' \(known keys: select, ignore, extend-select"),
    ("select = 'LS1'", r"select: expected an array of strings, got a string \('LS1'\)"),
    ("ignore = [101]", r"ignore: expected an array of strings, got an array \(\[101\]\)"),
    ("per-file-ignores = ['x']", r"per-file-ignores: expected a table of pattern = \[codes\], got an array"),
    ("jobs = -1", r"jobs: expected an integer >= 0 \(0: one per core\), got an integer \(-1\)"),
    ("jobs = true", r"jobs: expected an integer >= 0 \(0: one per core\), got a boolean \(True\)"),
    ("cache-dir = 3", r"cache-dir: expected a string, got an integer \(3\)"),
    ("select = ['LS999']", r"select: unknown rule code or prefix 'LS999'"),
    ("extend-select = ['XY']", r"extend-select: unknown rule code or prefix 'XY'"),
    ("per-file-ignores = {'t/*' = ['LS77']}",
     r"per-file-ignores\.'t/\*': unknown rule code or prefix 'LS77'"),
    ("blocking-calls = ['app.db query']", r"blocking-calls: 'app.db query' is not a qualified name"),
    ("blocking-types = 'vendor.Client'", r"blocking-types: expected an array of strings, got a string"),
    ("returns = ['vendor.make']", r"returns: expected a table of function = type, got an array"),
    ("returns = {'vendor.make' = 3}", r"returns\.'vendor\.make': expected a type name as a string, got an integer"),
    ("returns = {'vendor make' = 'vendor.Client'}", r"returns: 'vendor make' is not a qualified name"),
])
def test_mistakes_name_file_key_and_value(tmp_path, body, message):
    path = pyproject(tmp_path, "[tool.loopsafe]\n" + body + "\n")
    with pytest.raises(ConfigError) as info:
        resolve(tmp_path, Overrides())
    assert str(info.value).startswith(f"{path}: [tool.loopsafe]")
    assert re.search(message, str(info.value)), str(info.value)


def test_toml_syntax_error_names_file_and_line(tmp_path):
    path = pyproject(tmp_path, "[tool.loopsafe]\nselect = ['LS1'\nignore = []\n")
    with pytest.raises(ConfigError, match=rf"^{re.escape(str(path))}: invalid TOML: .*line 3"):
        resolve(tmp_path, Overrides())


def test_loopsafe_table_must_be_a_table(tmp_path):
    path = pyproject(tmp_path, "[tool]\nloopsafe = 1\n")
    with pytest.raises(ConfigError, match=r"expected a table, got an integer \(1\)"):
        load_file(path)


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match=r"nope\.toml: configuration file not found"):
        resolve(tmp_path, Overrides(config=tmp_path / "nope.toml"))


@pytest.mark.parametrize("field, flag", [("select", "--select"), ("ignore", "--ignore"),
                                         ("extend_select", "--extend-select")])
def test_unknown_code_on_the_command_line(tmp_path, field, flag):
    with pytest.raises(ConfigError, match=rf"^{flag}: unknown rule code or prefix 'LS9'$"):
        resolve(tmp_path, Overrides(**{field: ["LS1", "LS9"]}))


# --- merging -----------------------------------------------------------------------------------

def test_cli_select_starts_afresh_and_ignore_adds(tmp_path):
    body = "[tool.loopsafe]\nselect = ['LS1']\nignore = ['LS104']\nextend-select = ['LS001']\n"
    fresh = settings_from(tmp_path, body, select=["LS10"], ignore=["LS105"])
    assert (fresh.select, fresh.ignore, fresh.extend_select) == (("LS10",), ("LS105",), ())
    added = settings_from(tmp_path, body, ignore=["LS105"], extend_select=["LS109"], jobs=2,
                          cache=False)
    assert (added.select, added.ignore, added.extend_select) == \
        (("LS1",), ("LS104", "LS105"), ("LS001", "LS109"))
    assert (added.jobs, added.cache) == (2, False)


# --- selection and per-file-ignores --------------------------------------------------------------

prefixes = codes.flatmap(lambda c: st.integers(2, len(c)).map(lambda n: c[:n]))
prefix_sets = st.lists(prefixes, max_size=4).map(tuple)


@given(code=codes, select=prefix_sets, ignore=prefix_sets, extra=prefixes)
def test_selection_properties(code, select, ignore, extra):
    settings = Settings(select=select, ignore=ignore)
    if code in ignore:  # an exact ignore always wins
        assert not settings.enabled(code)
    if not any(code.startswith(p) for p in select):
        assert not settings.enabled(code)
    elif not any(code.startswith(p) for p in ignore):
        assert settings.enabled(code)
    # selecting more never turns a code off; ignoring more never turns one on
    if settings.enabled(code):
        assert Settings(select=select, ignore=ignore, extend_select=(extra,)).enabled(code)
    else:
        assert not Settings(select=select, ignore=ignore + (extra,)).enabled(code)


def test_more_specific_prefix_wins(tmp_path):
    settings = Settings(select=("LS",), ignore=("LS1",), extend_select=("LS101",))
    assert [c for c in ("LS001", "LS101", "LS102") if settings.enabled(c)] == ["LS001", "LS101"]


def test_per_file_ignores(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path / "..")
    settings = Settings(root=tmp_path, per_file_ignores={
        "tests/**": ("LS1",), "conftest.py": ("LS104",), "scripts/*.py": ("LS101",)})
    assert settings.ignored_for(tmp_path / "tests/unit/test_a.py", "LS101")
    assert settings.ignored_for(f"{tmp_path.name}/tests/test_b.py", "LS105")  # relative to cwd
    assert not settings.ignored_for(tmp_path / "tests/test_b.py", "LS201")
    assert settings.ignored_for(tmp_path / "app/conftest.py", "LS104")
    assert settings.ignored_for(tmp_path / "scripts/run.py", "LS101")
    assert not settings.ignored_for(tmp_path / "scripts/deep/run.py", "LS101")
    assert not settings.ignored_for(tmp_path / "app/tests.py", "LS101")
    assert not settings.ignored_for("/elsewhere/tests/x.py", "LS101")  # outside the root
    assert settings.ignored_for("/elsewhere/conftest.py", "LS104")  # a name matches anywhere


# --- loopsafe.toml, exclusions, empty selections ----------------------------------------------

def test_a_standalone_file_wins_over_pyproject_in_its_folder(tmp_path):
    pyproject(tmp_path, "[tool.loopsafe]\nignore = ['LS104']\n")
    (tmp_path / "loopsafe.toml").write_text("ignore = ['LS101']\n")
    assert find_config(tmp_path).values == {"ignore": ("LS101",)}
    (tmp_path / ".loopsafe.toml").write_text("")  # first in ruff's order, used even when empty
    assert (find_config(tmp_path).path, find_config(tmp_path).values) == \
        (tmp_path / ".loopsafe.toml", {})


def test_a_nearer_pyproject_wins_over_a_farther_standalone_file(tmp_path):
    (tmp_path / "loopsafe.toml").write_text("ignore = ['LS101']\n")
    inner = pyproject(tmp_path / "pkg", "[tool.loopsafe]\nignore = ['LS104']\n")
    assert find_config(tmp_path / "pkg" / "m.py").path == inner


def test_standalone_file_mistakes_name_the_file(tmp_path):
    (tmp_path / "loopsafe.toml").write_text("[tool.loopsafe]\nignore = ['LS101']\n")
    with pytest.raises(ConfigError, match=re.escape(f"{tmp_path / 'loopsafe.toml'}: unknown key 'tool'")):
        resolve(tmp_path, Overrides())


def test_exclusion_keys_and_flags(tmp_path, monkeypatch):
    body = ("[tool.loopsafe]\nexclude = ['gen']\nextend-exclude = ['tmp']\n"
            "force-exclude = true\nrespect-gitignore = false\n")
    settings = settings_from(tmp_path, body)
    assert (settings.exclude, settings.extend_exclude, settings.force_exclude,
            settings.respect_gitignore) == (("gen",), ("tmp",), True, False)
    (tmp_path / "pkg").mkdir()
    monkeypatch.chdir(tmp_path / "pkg")  # patterns with a folder are relative to where we are
    settings = resolve(tmp_path, Overrides(exclude=["a/b.py", "c"], extend_exclude=["d/"],
                                           force_exclude=False, respect_gitignore=True))
    assert (settings.exclude, settings.extend_exclude, settings.force_exclude,
            settings.respect_gitignore) == (("pkg/a/b.py", "c"), ("tmp", "d/"), False, True)


@pytest.mark.parametrize("key", ["force-exclude", "respect-gitignore"])
def test_boolean_keys_are_checked(tmp_path, key):
    with pytest.raises(ConfigError, match=f"{key}: expected true or false, got a string"):
        settings_from(tmp_path, f"[tool.loopsafe]\n{key} = 'yes'\n")


def test_an_empty_selection_is_an_error_naming_where(tmp_path):
    with pytest.raises(ConfigError, match=r"^--select: the selection is empty"):
        settings_from(tmp_path, "[tool.loopsafe]\n", select=[])
    with pytest.raises(ConfigError, match=re.escape(f"{tmp_path / 'pyproject.toml'}: select: the selection")):
        settings_from(tmp_path, "[tool.loopsafe]\nselect = []\n")
    assert settings_from(tmp_path, "[tool.loopsafe]\nselect = []\nextend-select = ['LS1']\n") \
        .enabled("LS101")

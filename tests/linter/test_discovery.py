"""Which files a run reads: Python files under folders, named files always, noise skipped."""

from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from loopsafe.linter.discovery import PathNotFoundError, iter_python_files
from loopsafe.linter.globs import matches
from loopsafe.linter.settings import Settings, UsageError


def make(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n")


def found(tmp_path, paths, **settings):
    return [p.relative_to(tmp_path).as_posix()
            for p in iter_python_files(paths, Settings(root=tmp_path, **settings))]


def test_walks_python_files_sorted_and_skips_noise(tmp_path):
    make(tmp_path, "b.py", "a.py", "pkg/__init__.py", "pkg/sub/m.py", "notes.txt", "stub.pyi",
         ".venv/lib/x.py", "venv/x.py", ".git/hooks/x.py", "pkg/__pycache__/m.py",
         "node_modules/x.py", "build/lib/x.py", "dist/x.py", ".tox/py/x.py", ".hidden/x.py",
         "loopsafe.egg-info/x.py")
    assert found(tmp_path, [tmp_path]) == ["a.py", "b.py", "pkg/__init__.py", "pkg/sub/m.py"]


def test_named_files_are_read_whatever_their_suffix_or_exclusion(tmp_path):
    make(tmp_path, "script", "gen/skip.py")
    assert found(tmp_path, [tmp_path / "script", tmp_path / "gen/skip.py"],
                 exclude=("gen",)) == ["script", "gen/skip.py"]


def test_a_named_noise_folder_is_walked(tmp_path):
    make(tmp_path, "build/lib/x.py")
    assert found(tmp_path, [tmp_path / "build"]) == ["build/lib/x.py"]


@pytest.mark.parametrize("pattern, left", [
    ("gen", ["app/main.py", "app/test_main.py"]),                  # a folder anywhere
    ("app/gen", ["app/main.py", "app/test_main.py"]),              # anchored at the root
    ("test_*.py", ["app/main.py", "app/gen/models.py"]),           # a name anywhere
    ("app/**/models.py", ["app/main.py", "app/test_main.py"]),
    ("./app/gen/", ["app/main.py", "app/test_main.py"]),
    ("gen/models.py", ["app/main.py", "app/test_main.py", "app/gen/models.py"]),  # not at root
])
def test_exclude_patterns(tmp_path, pattern, left):
    # a folder's own files come before its subfolders'
    make(tmp_path, "app/main.py", "app/test_main.py", "app/gen/models.py")
    assert found(tmp_path, [tmp_path], exclude=(pattern,)) == left


def test_each_file_once(tmp_path):
    make(tmp_path, "pkg/a.py", "pkg/b.py")
    assert found(tmp_path, [tmp_path / "pkg/b.py", tmp_path / "pkg", tmp_path]) == \
        ["pkg/b.py", "pkg/a.py"]


def test_relative_paths_stay_as_given(tmp_path, monkeypatch):
    make(tmp_path, "pkg/a.py")
    monkeypatch.chdir(tmp_path)
    assert list(iter_python_files(["."], Settings(root=tmp_path))) == [Path("pkg/a.py")]


def test_missing_path_fails_before_any_file(tmp_path):
    make(tmp_path, "a.py")
    files = iter_python_files([tmp_path / "a.py", tmp_path / "nope.py"], Settings(root=tmp_path))
    with pytest.raises(PathNotFoundError, match=r"nope\.py: no such file or directory") as info:
        next(files)
    assert isinstance(info.value, UsageError)


segments = st.lists(st.text(alphabet="abc_.", min_size=1, max_size=3).filter(lambda s: s not in (".", "..")),
                    min_size=1, max_size=4)


@given(path=segments, pattern=segments)
def test_a_literal_pattern_matches_itself_and_what_is_below(path, pattern):
    """Without wildcards, a slashed pattern is a folder prefix and a bare name any segment."""
    rel = "/".join(path)
    if len(pattern) > 1:
        assert matches("/".join(pattern), rel) == (path[:len(pattern)] == pattern)
    else:
        assert matches(pattern[0], rel) == (pattern[0] in path)


@pytest.mark.parametrize("pattern, rel, expected", [
    ("*.py", "a/b.py", True), ("*.py", "a/b.pyc", False), ("a/*.py", "a/b/c.py", False),
    ("a/**/c.py", "a/c.py", True), ("a/**/c.py", "a/x/y/c.py", True), ("a/**", "a/x/y", True),
    ("a/?.py", "a/bb.py", False), ("m[0-9].py", "m7.py", True), ("m[!0-9].py", "m7.py", False),
    ("[oops", "[oops", True), ("a\\b", "a/b/c", True),
])
def test_glob_syntax(pattern, rel, expected):
    assert matches(pattern, rel) is expected


# --- force-exclude, extend-exclude, named folders ---------------------------------------------

def test_force_exclude_skips_named_files_a_walk_would_skip(tmp_path):
    make(tmp_path, "app/main.py", "gen/skip.py", "more/x.py", ".venv/lib/y.py", "build/z.py")
    named = [tmp_path / n for n in ("app/main.py", "gen/skip.py", "more/x.py", ".venv/lib/y.py",
                                    "build/z.py")]
    assert found(tmp_path, named, exclude=("gen",), extend_exclude=("more",),
                 force_exclude=True) == ["app/main.py"]
    assert len(found(tmp_path, named, exclude=("gen",), extend_exclude=("more",))) == 5


def test_extend_exclude_adds_to_exclude(tmp_path):
    make(tmp_path, "a.py", "gen/b.py", "more/c.py")
    assert found(tmp_path, [tmp_path], exclude=("gen",), extend_exclude=("more",)) == ["a.py"]


def test_a_named_excluded_folder_is_walked_but_patterns_apply_inside(tmp_path):
    make(tmp_path, "gen/a.py", "gen/gen/b.py", "gen/test_c.py")
    assert found(tmp_path, [tmp_path / "gen"], exclude=("gen", "test_*.py")) == ["gen/a.py"]
    assert found(tmp_path, [tmp_path / "gen"], exclude=("gen",), force_exclude=True) == []


# --- respect-gitignore -------------------------------------------------------------------------

def git(root: Path, *argv: str) -> None:
    import subprocess

    subprocess.run(["git", "-C", str(root), *argv], check=True, capture_output=True, timeout=60)


@pytest.fixture
def repo(tmp_path):
    make(tmp_path, "app/main.py", "app/gen/out.py", "scratch.py", "sub/keep.py", "sub/drop.py",
         "nested/inner.py")
    (tmp_path / ".gitignore").write_text("gen/\nscratch.py\n")
    (tmp_path / "sub/.gitignore").write_text("drop.py\n")
    git(tmp_path, "init", "-q")
    git(tmp_path / "nested", "init", "-q")  # an untracked repository inside: kept whole
    git(tmp_path, "add", "app/main.py")  # tracked and untracked files alike are checked
    return tmp_path


def test_gitignored_files_are_left_out_of_walks(repo):
    assert found(repo, [repo]) == ["app/main.py", "nested/inner.py", "sub/keep.py"]
    assert found(repo, [repo / "app"]) == ["app/main.py"]


def test_respect_gitignore_off_walks_everything(repo):
    assert found(repo, [repo], respect_gitignore=False) == [
        "scratch.py", "app/main.py", "app/gen/out.py", "nested/inner.py", "sub/drop.py",
        "sub/keep.py"]


def test_a_named_gitignored_file_is_checked(repo):
    assert found(repo, [repo / "scratch.py"], force_exclude=True) == ["scratch.py"]


def test_outside_a_repository_nothing_is_gitignored(tmp_path):
    make(tmp_path, "a.py", "b.py")
    (tmp_path / ".gitignore").write_text("b.py\n")
    assert found(tmp_path, [tmp_path]) == ["a.py", "b.py"]

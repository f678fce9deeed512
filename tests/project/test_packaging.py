"""The distribution's metadata: one version, the license shipped, the classifiers that
pytest's plugin list and flake8's users search by, and the extras the README relies on."""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

from loopsafe.linter import __version__

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_version_is_written_once():
    assert "version" not in PROJECT and PROJECT["dynamic"] == ["version"]
    assert metadata.version("loopsafe") == __version__


def test_license_file_and_expression():
    assert PROJECT["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    build = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    assert build == ["setuptools>=77"]  # the first to accept an SPDX license expression


def test_classifiers_name_the_frameworks_and_every_declared_python():
    classifiers = set(PROJECT["classifiers"])
    assert {"Framework :: Pytest", "Framework :: Flake8", "Framework :: AsyncIO"} <= classifiers
    minimum = int(re.fullmatch(r">=3\.(\d+)", PROJECT["requires-python"])[1])
    declared = {int(c.rsplit(".", 1)[1]) for c in classifiers
                if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)}
    assert declared == set(range(minimum, 14))


def test_runtime_dependencies_are_only_what_the_code_imports():
    names = {re.match(r"[A-Za-z0-9_.-]+", d)[0].lower() for d in PROJECT["dependencies"]}
    assert names == {"libcst", "pytest", "tomli"}


def test_the_test_extra_installs_what_the_tests_run():
    test = " ".join(PROJECT["optional-dependencies"]["test"])
    # the peers the bench smoke tests run, pre-commit for the hook's test, the docs builder
    for needed in ("ruff", "flake8-async", "hydroid-cli", "pre-commit", "loopsafe[docs]", "anyio"):
        assert needed in test

"""Smoke test of the overhead benchmark: it runs, compares against plain, and rejects bad input.

The figures themselves are the benchmark's business (``bench/PLUGIN.md``); a test
never asserts a timing."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).parents[2] / "bench" / "plugin_overhead.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("plugin_overhead", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


def test_a_tiny_run_reports_the_variant_against_plain(bench, tmp_path, capsys):
    out = tmp_path / "figures.json"
    assert bench.main(["--tests", "3", "--awaits", "10", "--runs", "1",
                       "--variants", "loopsafe", "--json", str(out)]) == 0
    table = capsys.readouterr().out
    for name in ("plain", "loopsafe"):  # plain is always there: the baseline
        assert any(line.startswith(name) and line.rstrip().endswith("x") for line in table.splitlines())
    figures = json.loads(out.read_text())
    assert set(figures["medians"]) == {"plain", "loopsafe"}
    assert figures["medians"]["plain"]["cpu_ratio"] == 1.0


def test_generated_suite_has_the_requested_shape(bench, tmp_path):
    suite = bench.write_suite(tmp_path, bench.VARIANTS["pyleak"], tests=25, awaits=8)
    files = sorted(suite.glob("test_*.py"))
    assert len(files) == 3
    assert sum(f.read_text().count("async def test_") for f in files) == 25
    assert "no_leaks" in (suite / "conftest.py").read_text()


def test_unknown_variant_is_a_usage_error(bench, capsys):
    with pytest.raises(SystemExit) as info:
        bench.main(["--variants", "plain,nope"])
    assert info.value.code == 2
    assert "unknown nope" in capsys.readouterr().err

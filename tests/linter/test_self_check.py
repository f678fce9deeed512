"""loopsafe's own code mixes threads and event loops (the plugin runs loops in
threads and watches them from another): it must pass its own linter."""

from __future__ import annotations

from pathlib import Path

from loopsafe.linter.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_loopsafe_checks_its_own_source_clean(capsys, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    status = main(["check", "--no-cache", "."])
    out = capsys.readouterr().out
    assert status == 0, out

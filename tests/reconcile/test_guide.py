"""The CI guide names every option of ``loopsafe reconcile`` and every status it gives."""

from __future__ import annotations

import re
from pathlib import Path

from loopsafe.linter.reconcile.classify import STATUSES

from .helpers import reconcile

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guides" / "ci.md"


def test_the_guide_names_every_option_and_status(capsys):
    status, out, _ = reconcile(capsys, "--help")
    # the options' list (Python 3.10 calls it "optional arguments"); the description
    # mentions pytest's option too
    listed = re.split(r"\n(?:options|optional arguments):\n", out)[1]
    options = set(re.findall(r"--[a-z][a-z-]+", listed)) - {"--help"}
    text = GUIDE.read_text(encoding="utf-8")
    assert len(options) >= 7
    assert sorted(o for o in options if f"`{o}" not in text) == []
    assert [s for s in STATUSES if f"| `{s}` |" not in text] == []

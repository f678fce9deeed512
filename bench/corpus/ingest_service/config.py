"""Configuration for the ingest service, read from YAML-ish key=value files."""
from __future__ import annotations

import os
from pathlib import Path

DEFAULTS = {"batch": "100", "sink": "stdout"}


def parse(text: str) -> dict[str, str]:
    out = dict(DEFAULTS)
    for line in text.splitlines():
        if "=" in line and not line.lstrip().startswith("#"):
            key, value = line.split("=", 1)
            out[key.strip()] = value.strip()
    return out


def read_config(path: str | None = None) -> dict[str, str]:
    path = path or os.environ.get("INGEST_CONFIG", "ingest.conf")
    with open(path, encoding="utf-8") as fh:
        return parse(fh.read())


def batch_size(cfg: dict[str, str]) -> int:
    return max(1, int(cfg.get("batch", "100")))

"""Settings read once at import, and re-read on demand by the admin endpoint."""
from __future__ import annotations

import json
import os
from pathlib import Path

CONFIG_FILE = Path(os.environ.get("APP_CONFIG", "config.json"))


def load_settings() -> dict:
    if not CONFIG_FILE.is_file():
        return {}
    return json.loads(CONFIG_FILE.read_text(encoding="utf-8"))


def feature_enabled(settings: dict, name: str) -> bool:
    return bool(settings.get("features", {}).get(name, False))


SETTINGS = load_settings()

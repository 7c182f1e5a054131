"""The interface settings remembered between runs (the language), in a small JSON file."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

ENV_DIR = "TRACKER_CONFIG_DIR"
FILE_NAME = "settings.json"


def config_dir() -> Path:
    """TRACKER_CONFIG_DIR, else $XDG_CONFIG_HOME/tracker, else ~/.config/tracker."""
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR]).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base).expanduser() / "tracker"


def settings_path() -> Path:
    """Where the settings file is."""
    return config_dir() / FILE_NAME


def load_settings() -> dict[str, Any]:
    """The saved settings; an absent or unreadable file means none."""
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_settings(**changes: Any) -> None:
    """Merge `changes` into the settings file, replacing it in one step."""
    path = settings_path()
    data = load_settings() | changes
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    temporary.replace(path)

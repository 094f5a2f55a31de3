"""Where the bundled files live, and the platform's standard data directory."""

from __future__ import annotations

import os
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
BUNDLED_CONTENT = PROJECT_DIR / "content.yaml"
ASSETS_DIR = PROJECT_DIR / "assets"
APP_NAME = "fbss-kiosk"


def default_data_dir() -> Path:
    """%LOCALAPPDATA%\\fbss-kiosk on Windows, $XDG_DATA_HOME/fbss-kiosk elsewhere."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Application Support")
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_NAME


def default_log_dir() -> Path:
    """%LOCALAPPDATA%\\fbss-kiosk\\logs on Windows, $XDG_STATE_HOME/fbss-kiosk elsewhere."""
    if sys.platform == "win32":
        return default_data_dir() / "logs"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / APP_NAME
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / APP_NAME


LOCK_NAME = "kiosk.lock"  # made by every kiosk start (kiosk/supervision.py)

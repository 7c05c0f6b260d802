"""Where OpenDesk keeps per-user data and settings on Windows and elsewhere."""

import os
import sys
from pathlib import Path


def user_data_dir() -> Path:
    """%LOCALAPPDATA%\\OpenDesk on Windows, $XDG_DATA_HOME/opendesk elsewhere."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "OpenDesk"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "opendesk"


def user_config_dir() -> Path:
    """%APPDATA%\\OpenDesk on Windows, $XDG_CONFIG_HOME/opendesk elsewhere."""
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(base) / "OpenDesk"
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "opendesk"


def log_dir() -> Path:
    return user_data_dir() / "logs"

"""Workstation settings (a JSON file per user), machine configuration (written by the MSI), and
the one place that decides which database to open.

The database URL comes from, in order: `--db URL`, `OPENDESK_DB_URL`, the workstation settings
file, the machine configuration, and finally an SQLite file in the user's data folder.
"""

import json
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from opendesk.core.paths import user_config_dir, user_data_dir

log = logging.getLogger("opendesk.settings")

SETTINGS_VERSION = 1

T = TypeVar("T", str, int, float, bool)


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One workstation setting: its name in the file, type, default and meaning."""

    name: str
    type: type[T]
    default: T
    description: str

    def accepts(self, value: Any) -> bool:
        """A value of this setting's type (an int for a float; a bool is not a number)."""
        if isinstance(value, bool) != (self.type is bool):
            return False
        return isinstance(value, self.type) or (self.type is float and isinstance(value, int))

    def coerce(self, value: Any) -> T:
        """The stored value if the setting accepts it, else the default: a hand-edited file
        cannot hand a caller a wrong type."""
        if self.accepts(value):
            return self.type(value)
        if value is not None:
            log.warning("ignoring setting %s of type %s", self.name, type(value).__name__)
        return self.default


DATABASE_URL = Setting(
    "database_url", str, "", "SQLAlchemy URL of the practice database (no password)"
)
PORTAL_URL = Setting(
    "portal_url", str, "", "Address of the portal server, for the setup health check"
)
WINDOW_GEOMETRY = Setting("window_geometry", str, "", "Main window geometry (base64)")
WINDOW_STATE = Setting("window_state", str, "", "Main window toolbar/dock state (base64)")
LAST_USERNAME = Setting(
    "last_username", str, "", "User name last used to log in on this workstation"
)
LOGGED_ON_USERNAMES = Setting(
    "logged_on_usernames",
    str,
    "",
    "User names that logged on successfully on this workstation, one a line, newest first "
    "(the login window puts the cursor in Password only under one of these)",
)
ALERT_POLL_SECONDS = Setting(
    "alert_poll_seconds", float, 5.0, "How often to look for new unread WebMail"
)

# Every workstation setting, declared once with its type and default.
WORKSTATION_SETTINGS: dict[str, Setting[Any]] = {
    s.name: s
    for s in (
        DATABASE_URL,
        PORTAL_URL,
        WINDOW_GEOMETRY,
        WINDOW_STATE,
        LAST_USERNAME,
        LOGGED_ON_USERNAMES,
        ALERT_POLL_SECONDS,
    )
}

# Versioned upgrades of the settings file: UPGRADES[n] turns version n-1 into version n.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def _declared(setting: "Setting[Any] | str") -> Setting[Any]:
    name = setting if isinstance(setting, str) else setting.name
    if name not in WORKSTATION_SETTINGS:
        raise KeyError(name)
    return WORKSTATION_SETTINGS[name]


def settings_path() -> Path:
    override = os.environ.get("OPENDESK_SETTINGS")
    return Path(override) if override else user_config_dir() / "settings.json"


class WorkstationSettings:
    """The per-user settings file. Unknown keys are kept; missing ones take their default."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self._values: dict[str, Any] = {}
        self.load()

    def load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            data = {}
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable settings file %s: %s", self.path, exc)
            data = {}
        version = int(data.get("version", SETTINGS_VERSION))
        for target in range(version + 1, SETTINGS_VERSION + 1):
            data = UPGRADES[target](data)
        data["version"] = SETTINGS_VERSION
        self._values = data

    @overload
    def get(self, setting: Setting[T]) -> T: ...
    @overload
    def get(self, setting: str) -> Any: ...
    def get(self, setting: Setting[Any] | str) -> Any:
        """The value of a declared setting (by its declaration, or by name), in its type."""
        declared = _declared(setting)
        return declared.coerce(self._values.get(declared.name))

    @overload
    def set(self, setting: Setting[T], value: T) -> None: ...
    @overload
    def set(self, setting: str, value: Any) -> None: ...
    def set(self, setting: Setting[Any] | str, value: Any) -> None:
        declared = _declared(setting)
        if not declared.accepts(value):
            raise TypeError(f"setting {declared.name} takes a {declared.type.__name__}")
        self._values[declared.name] = value

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self._values, indent=2, sort_keys=True), encoding="utf-8")
        tmp.replace(self.path)


MACHINE_KEYS = ("DBURL", "PORTALURL", "INSTALLPORTAL")


def machine_config_path() -> Path:
    override = os.environ.get("OPENDESK_MACHINE_CONFIG")
    return Path(override) if override else Path("/etc/opendesk/machine.json")


def read_machine_config() -> dict[str, str]:
    """What the installer recorded for every user of this machine: HKLM\\Software\\OpenDesk on
    Windows, a JSON file elsewhere (OPENDESK_MACHINE_CONFIG or /etc/opendesk/machine.json).

    The MSI writes DBURL, PORTALURL and INSTALLPORTAL as REG_SZ values (empty when the property
    was not given); the file holds the same names as a JSON object. Empty values count as
    absent."""
    if sys.platform == "win32" and "OPENDESK_MACHINE_CONFIG" not in os.environ:  # pragma: no cover
        return _read_machine_registry()
    try:
        data = json.loads(machine_config_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable machine configuration: %s", exc)
        return {}
    return {k: str(v) for k, v in data.items() if k in MACHINE_KEYS and v not in (None, "")}


def _read_machine_registry() -> dict[str, str]:  # pragma: no cover - Windows only
    if sys.platform != "win32":  # tells mypy this body is Windows-only
        return {}
    import winreg

    values: dict[str, str] = {}
    try:
        # The MSI is 64-bit and writes the 64-bit view; a 32-bit Python would otherwise be
        # redirected to Software\WOW6432Node\OpenDesk.
        key = winreg.OpenKey(
            winreg.HKEY_LOCAL_MACHINE,
            r"Software\OpenDesk",
            0,
            winreg.KEY_READ | winreg.KEY_WOW64_64KEY,
        )
    except OSError:
        return values
    with key:
        for name in MACHINE_KEYS:
            try:
                value, _type = winreg.QueryValueEx(key, name)
            except OSError:
                continue
            if value not in (None, ""):
                values[name] = str(value)
    return values


def default_sqlite_url() -> str:
    return f"sqlite:///{(user_data_dir() / 'opendesk.db').as_posix()}"


@dataclass(frozen=True)
class ResolvedUrl:
    url: str
    source: str  # "command line", "environment", "settings file", "machine", "default"


def resolve_database_url(
    cli_value: str | None = None, settings: WorkstationSettings | None = None
) -> ResolvedUrl:
    if cli_value:
        return ResolvedUrl(cli_value, "command line")
    env = os.environ.get("OPENDESK_DB_URL")
    if env:
        return ResolvedUrl(env, "environment")
    from_file = (settings or WorkstationSettings()).get(DATABASE_URL)
    if from_file:
        return ResolvedUrl(from_file, "settings file")
    machine = read_machine_config().get("DBURL")
    if machine:
        return ResolvedUrl(machine, "machine")
    return ResolvedUrl(default_sqlite_url(), "default")


def resolve_portal_url(settings: WorkstationSettings | None = None) -> str:
    """The portal address this workstation checks: settings file, else machine configuration."""
    from_file = (settings or WorkstationSettings()).get(PORTAL_URL)
    return from_file or read_machine_config().get("PORTALURL", "")

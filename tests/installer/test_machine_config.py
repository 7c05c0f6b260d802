"""The application takes its database URL and portal URL from the machine configuration that
the MSI writes: the built MSI's Registry rows for HKLM\\Software\\OpenDesk, given the
properties of a silent install, are materialised as the equivalent machine file (what
read_machine_config reads outside Windows) and resolved by opendesk.core.settings."""

import json
import re
from pathlib import Path

import pytest

from opendesk.core.settings import (
    WorkstationSettings,
    default_sqlite_url,
    read_machine_config,
    resolve_database_url,
    resolve_portal_url,
)
from tests.installer.msitools import BuiltMsi

INSTALL_FOLDER = "C:\\Program Files\\OpenDesk\\"


def format_msi_value(value: str, properties: dict[str, str]) -> str:
    """Windows Installer's formatting of a Registry value for the property references used
    here: [NAME] becomes the property's value, or nothing when it is not set."""
    return re.sub(r"\[([A-Za-z_][A-Za-z0-9_.]*)\]", lambda m: properties.get(m[1], ""), value)


def machine_file_from_msi(msi: BuiltMsi, properties: dict[str, str], path: Path) -> Path:
    """What `msiexec /i OpenDesk.msi /qn NAME=value ...` leaves under HKLM\\Software\\OpenDesk,
    as the machine configuration file."""
    values: dict[str, object] = {}
    for row in msi.table("Registry"):
        # HKLM, or HKMU (-1), which is HKLM in this per-machine package.
        if row["Root"] in ("2", "-1") and row["Key"] == "Software\\OpenDesk":
            value = format_msi_value(row["Value"], properties)
            # "#123" is a REG_DWORD; anything else here a REG_SZ.
            values[row["Name"]] = int(value[1:]) if re.fullmatch(r"#\d+", value) else value
    path.write_text(json.dumps(values, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def machine_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "machine.json"
    monkeypatch.setenv("OPENDESK_MACHINE_CONFIG", str(path))
    monkeypatch.setenv("OPENDESK_SETTINGS", str(tmp_path / "no-settings.json"))
    monkeypatch.delenv("OPENDESK_DB_URL", raising=False)
    return path


def test_silent_install_properties_become_the_applications_urls(
    built_msi: BuiltMsi, machine_file: Path
) -> None:
    db_url = "mariadb://opendesk@dbserver.practice.lan:3306/opendesk"
    portal_url = "https://portal.willamette-dental.example/"
    machine_file_from_msi(
        built_msi,
        {
            "DBURL": db_url,
            "PORTALURL": portal_url,
            "INSTALLPORTAL": "1",
            "PORTALSERVICEACCOUNT": "NT AUTHORITY\\LocalService",  # SetDefaultServiceAccount
            "INSTALLFOLDER": INSTALL_FOLDER,
        },
        machine_file,
    )
    written = json.loads(machine_file.read_text(encoding="utf-8"))
    assert written["InstallDir"] == INSTALL_FOLDER
    assert written["StartMenuShortcut"] == 1
    # The application takes the three values it knows and ignores the installer's own.
    assert read_machine_config() == {
        "DBURL": db_url,
        "PORTALURL": portal_url,
        "INSTALLPORTAL": "1",
    }
    resolved = resolve_database_url()
    assert (resolved.url, resolved.source) == (db_url, "machine")
    assert resolve_portal_url() == portal_url


def test_the_workstation_settings_file_still_wins(
    built_msi: BuiltMsi, machine_file: Path, tmp_path: Path
) -> None:
    machine_file_from_msi(
        built_msi,
        {"DBURL": "postgresql://opendesk@db/opendesk", "PORTALURL": "https://p/"},
        machine_file,
    )
    settings = WorkstationSettings(tmp_path / "settings.json")
    settings.set("database_url", "sqlite:///C:/OpenDesk/practice.db")
    settings.set("portal_url", "http://localhost:8765/")
    assert resolve_database_url(settings=settings).source == "settings file"
    assert resolve_portal_url(settings) == "http://localhost:8765/"


def test_an_install_without_properties_falls_back_to_the_local_database(
    built_msi: BuiltMsi, machine_file: Path
) -> None:
    # The values exist but are empty: the application treats them as not set.
    machine_file_from_msi(built_msi, {"INSTALLFOLDER": INSTALL_FOLDER}, machine_file)
    assert json.loads(machine_file.read_text())["DBURL"] == ""
    resolved = resolve_database_url()
    assert (resolved.url, resolved.source) == (default_sqlite_url(), "default")
    assert resolve_portal_url() == ""

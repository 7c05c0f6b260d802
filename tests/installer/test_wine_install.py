"""The wixl-built MSI under a real Windows Installer (Wine's msiexec, one prefix per run):
a silent install with DBURL/PORTALURL, an upgrade that keeps what was given before, a refused
downgrade, a same-version rebuild, an uninstall that keeps user data, and the portal service.

What Wine cannot show is in docs/INSTALLER.md ("Tested under Wine"); each test says what it
checks instead."""

import json
from pathlib import Path

import pytest

from opendesk.core.settings import read_machine_config, resolve_database_url, resolve_portal_url
from tests.installer.conftest import MsiSet
from tests.installer.wine import MACHINE_KEY, SERVICES_KEY, Wine

DB_URL = "mariadb://opendesk@dbserver.practice.lan/opendesk"
PORTAL_URL = "https://portal.willamette-dental.example/"
# msiexec's exit codes that docs/INSTALLER.md names.
FAILED = 1603
SAME_VERSION_INSTALLED = 1638


def values(wine: Wine) -> dict[str, str]:
    found = wine.reg_query(MACHINE_KEY)
    assert found is not None, f"{MACHINE_KEY} is missing"
    return {name: text for name, (_type, text) in found.items()}


def installed_version(wine: Wine) -> list[str]:
    return sorted(v["DisplayVersion"][1] for v in wine.installed_opendesk().values())


def test_silent_install_writes_program_files_shortcut_and_machine_configuration(
    wine: Wine, msis: MsiSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert wine.install(msis.current.path, f"DBURL={DB_URL}", f"PORTALURL={PORTAL_URL}") == 0

    installed = {
        p.relative_to(wine.program_folder).as_posix()
        for p in wine.program_folder.rglob("*")
        if p.is_file()
    }
    payload = {
        p.relative_to(msis.current.payload).as_posix()
        for p in msis.current.payload.rglob("*")
        if p.is_file()
    }
    # The client feature only: the portal server's program comes with INSTALLPORTAL=1.
    assert installed == payload - {"opendesk-portal.exe"}
    assert (wine.program_folder / "OpenDesk.exe").read_bytes() == (
        msis.current.payload / "OpenDesk.exe"
    ).read_bytes()

    (shortcut,) = wine.start_menu_shortcuts()
    assert b"C:\\Program Files\\OpenDesk\\OpenDesk.exe" in shortcut.read_bytes()

    found = wine.reg_query(MACHINE_KEY)
    assert found is not None
    assert found["DBURL"] == ("REG_SZ", DB_URL)
    assert found["PORTALURL"] == ("REG_SZ", PORTAL_URL)
    assert found["INSTALLPORTAL"] == ("REG_SZ", "")
    assert found["PORTALSERVICEACCOUNT"] == ("REG_SZ", "NT AUTHORITY\\LocalService")
    assert found["InstallDir"] == ("REG_SZ", "C:\\Program Files\\OpenDesk\\")
    assert found["StartMenuShortcut"] == ("REG_DWORD", "0x1")
    assert wine.reg_query(f"{SERVICES_KEY}\\OpenDeskPortal") is None
    assert installed_version(wine) == [msis.current.properties()["ProductVersion"]]

    # What core's settings make of it: the exported hive, as the machine configuration file
    # that read_machine_config reads outside Windows (the same names and values).
    exported = wine.reg_export(MACHINE_KEY, tmp_path / "opendesk.reg")
    machine = tmp_path / "machine.json"
    machine.write_text(json.dumps(exported), encoding="utf-8")
    monkeypatch.setenv("OPENDESK_MACHINE_CONFIG", str(machine))
    monkeypatch.setenv("OPENDESK_SETTINGS", str(tmp_path / "no-settings.json"))
    monkeypatch.delenv("OPENDESK_DB_URL", raising=False)
    assert read_machine_config() == {"DBURL": DB_URL, "PORTALURL": PORTAL_URL}
    resolved = resolve_database_url()
    assert (resolved.url, resolved.source) == (DB_URL, "machine")
    assert resolve_portal_url() == PORTAL_URL


def test_upgrade_keeps_earlier_values_and_the_command_line_wins(wine: Wine, msis: MsiSet) -> None:
    assert wine.install(msis.current.path, f"DBURL={DB_URL}", "PORTALURL=https://old.example/") == 0
    new_portal = "https://portal.example-dental.com/"
    assert wine.install(msis.newer, f"PORTALURL={new_portal}") == 0

    after = values(wine)
    assert after["DBURL"] == DB_URL  # not given again: kept
    assert after["PORTALURL"] == new_portal  # given again: replaced
    assert after["PORTALSERVICEACCOUNT"] == "NT AUTHORITY\\LocalService"
    newer_version = MsiSet.product_code(msis.newer)
    # One OpenDesk, the newer one: the older was removed (MajorUpgrade), files and shortcut
    # are in place.
    assert list(wine.installed_opendesk()) == [newer_version]
    assert (wine.program_folder / "opendesk-admin.exe").is_file()
    assert len(wine.start_menu_shortcuts()) == 1


def test_a_downgrade_is_refused_and_changes_nothing(
    wine: Wine, msis: MsiSet, tmp_path: Path
) -> None:
    assert wine.install(msis.newer, f"DBURL={DB_URL}") == 0
    log = tmp_path / "downgrade.log"
    code = wine.install(msis.current.path, "DBURL=sqlite:///C:/elsewhere.db", log=log)

    assert code == FAILED
    # Wine's msiexec writes no message text to a /qn log: the log shows the launch condition
    # failing (the message itself is the LaunchCondition row that test_msi.py checks).
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "Action ended" in text and "LaunchConditions. Return value 0." in text
    assert list(wine.installed_opendesk()) == [MsiSet.product_code(msis.newer)]
    assert values(wine)["DBURL"] == DB_URL
    assert (wine.program_folder / "OpenDesk.exe").is_file()


def test_a_rebuilt_msi_of_the_installed_version_is_the_same_product(
    wine: Wine, msis: MsiSet
) -> None:
    # The rule: the ProductCode is derived from the version, so a rebuild is the same product
    # (Windows refuses it with 1638; Wine treats it as a repair). Never two OpenDesks.
    assert MsiSet.product_code(msis.rebuilt) == MsiSet.product_code(msis.current.path)
    assert wine.install(msis.current.path, f"DBURL={DB_URL}") == 0
    code = wine.install(msis.rebuilt)
    assert code in (0, SAME_VERSION_INSTALLED)
    assert list(wine.installed_opendesk()) == [MsiSet.product_code(msis.current.path)]
    assert values(wine)["DBURL"] == DB_URL


def test_uninstall_removes_programs_shortcut_and_configuration_and_keeps_user_data(
    wine: Wine, msis: MsiSet
) -> None:
    assert wine.install(msis.current.path, f"DBURL={DB_URL}") == 0
    local = wine.user_folder() / "AppData/Local/OpenDesk"
    roaming = wine.user_folder() / "AppData/Roaming/OpenDesk"
    for path, text in (
        (local / "opendesk.db", "practice"),
        (local / "logs/opendesk.log", "log"),
        (roaming / "settings.json", "{}"),
    ):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    assert wine.uninstall(str(msis.current.path)) == 0

    assert not wine.program_folder.exists()
    assert wine.start_menu_shortcuts() == []
    assert wine.reg_query(MACHINE_KEY) is None
    assert wine.installed_opendesk() == {}
    assert (local / "opendesk.db").read_text(encoding="utf-8") == "practice"
    assert (local / "logs/opendesk.log").is_file()
    assert (roaming / "settings.json").is_file()


def test_installportal_installs_and_starts_the_portal_service(wine: Wine, msis: MsiSet) -> None:
    assert wine.install(msis.with_service, "INSTALLPORTAL=1", f"DBURL={DB_URL}") == 0

    service = wine.reg_query(f"{SERVICES_KEY}\\OpenDeskPortal")
    assert service is not None
    assert service["ImagePath"] == (
        "REG_SZ",
        "C:\\Program Files\\OpenDesk\\opendesk-portal.exe --windows-service",
    )
    assert service["ObjectName"] == ("REG_SZ", "NT AUTHORITY\\LocalService")
    assert service["Start"] == ("REG_DWORD", "0x2")  # automatic
    assert service["Type"] == ("REG_DWORD", "0x10")  # own process
    assert service["DisplayName"] == ("REG_SZ", "OpenDesk portal server")
    assert values(wine)["INSTALLPORTAL"] == "1"
    state = wine.run(["wine", "sc", "query", "OpenDeskPortal"]).stdout
    assert "RUNNING" in state  # ServiceControl Start="install"

    assert wine.uninstall(str(msis.with_service)) == 0
    assert wine.reg_query(f"{SERVICES_KEY}\\OpenDeskPortal") is None
    assert not wine.program_folder.exists()

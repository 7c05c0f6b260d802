"""The MSI built from installer/OpenDesk.wxs by wixl holds what IT relies on: the files, the
Start Menu shortcut, the version and UpgradeCode, major upgrades and refused downgrades, the
machine configuration in HKLM remembered across upgrades, and the portal service."""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from opendesk.core.settings import MACHINE_KEYS
from tests.installer.msitools import BUILD_SCRIPT, ROOT, BuiltMsi, msi_table, msi_tables, run_build

# Changing this makes every installed OpenDesk invisible to the next MSI: never change it.
UPGRADE_CODE = "{28F68273-A364-406F-B4E8-BC1CB6300C54}"
PUBLIC_PROPERTIES = ("DBURL", "PORTALURL", "INSTALLPORTAL", "PORTALSERVICEACCOUNT")
HKLM = "2"
MACHINE_KEY = "Software\\OpenDesk"


def pyproject_version() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def test_build_script_explains_itself() -> None:
    done = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--help"], capture_output=True, text=True, check=True
    )
    for word in ("--out", "--version", "--payload", "--toolset", "PyInstaller", "wixl"):
        assert word in done.stdout


def test_every_payload_file_is_installed_under_program_files(
    built_msi: BuiltMsi, tmp_path: Path
) -> None:
    subprocess.run(
        ["msiextract", "-C", str(tmp_path), str(built_msi.path)], check=True, capture_output=True
    )
    extracted = {
        p.relative_to(tmp_path / "OpenDesk").as_posix()
        for p in (tmp_path / "OpenDesk").rglob("*")
        if p.is_file()
    }
    payload = {
        p.relative_to(built_msi.payload).as_posix()
        for p in built_msi.payload.rglob("*")
        if p.is_file()
    }
    assert extracted == payload
    assert {
        "OpenDesk.exe",
        "opendesk-portal.exe",
        "opendesk-admin.exe",
        "_internal/python311.dll",
        "_internal/opendesk/core/migrations/versions/0001_initial_schema.py",
    } <= extracted
    for rel in extracted:  # byte for byte
        assert (tmp_path / "OpenDesk" / rel).read_bytes() == (built_msi.payload / rel).read_bytes()

    directories = {r["Directory"]: r for r in built_msi.table("Directory")}
    assert directories["INSTALLFOLDER"]["Directory_Parent"] == "ProgramFiles64Folder"
    assert directories["INSTALLFOLDER"]["DefaultDir"] == "OpenDesk"
    # Every component is 64-bit (msidbComponentAttributes64bit), so nothing is redirected to
    # Program Files (x86) or WOW6432Node.
    assert all(int(c["Attributes"]) & 256 for c in built_msi.table("Component"))


def test_per_machine_x64_package(built_msi: BuiltMsi) -> None:
    assert built_msi.properties()["ALLUSERS"] == "1"
    info = subprocess.run(
        ["msiinfo", "suminfo", str(built_msi.path)], capture_output=True, text=True, check=True
    ).stdout
    assert "Template: x64;1033" in info


def test_start_menu_shortcut_starts_the_desktop_client(built_msi: BuiltMsi) -> None:
    (shortcut,) = built_msi.table("Shortcut")
    assert shortcut["Directory_"] == "ProgramMenuFolder"  # all users' Start Menu (ALLUSERS=1)
    assert shortcut["Name"] == "OpenDesk"
    assert shortcut["Target"] == "[#OpenDeskExe]"  # not advertised: no feature as target
    assert shortcut["WkDir"] == "INSTALLFOLDER"
    files = {r["File"]: r for r in built_msi.table("File")}
    assert files["OpenDeskExe"]["FileName"] == "OpenDesk.exe"
    # ICE43: a non-advertised shortcut's component has a registry key path, here under HKMU
    # (-1: HKLM in a per-machine install), not a file.
    components = {r["Component"]: r for r in built_msi.table("Component")}
    component = components[shortcut["Component_"]]
    assert int(component["Attributes"]) & 4  # msidbComponentAttributesRegistryKeyPath
    registry = {r["Registry"]: r for r in built_msi.table("Registry")}
    keypath = registry[component["KeyPath"]]
    assert (keypath["Root"], keypath["Key"]) == ("-1", MACHINE_KEY)
    assert keypath["Component_"] == shortcut["Component_"]


def test_version_comes_from_pyproject_and_upgrade_code_is_constant(built_msi: BuiltMsi) -> None:
    props = built_msi.properties()
    assert props["ProductVersion"] == pyproject_version()
    assert built_msi.path.name == f"OpenDesk-{pyproject_version()}-x64.msi"
    assert props["UpgradeCode"] == UPGRADE_CODE
    assert props["ProductName"] == "OpenDesk"


def test_a_newer_version_replaces_an_older_one_and_a_downgrade_is_refused(
    built_msi: BuiltMsi,
) -> None:
    version = pyproject_version()
    rows = built_msi.table("Upgrade")
    assert {r["UpgradeCode"] for r in rows} == {UPGRADE_CODE}
    (older,) = [r for r in rows if r["ActionProperty"] == "WIX_UPGRADE_DETECTED"]
    (newer,) = [r for r in rows if r["ActionProperty"] == "WIX_DOWNGRADE_DETECTED"]
    # Older versions (below this one) are found and removed; their feature states carry over.
    assert (older["VersionMin"], older["VersionMax"]) == ("", version)
    attributes = int(older["Attributes"])
    assert not attributes & 2  # not detect-only: RemoveExistingProducts removes it
    assert attributes & 1  # msidbUpgradeAttributesMigrateFeatures
    # Newer versions are only detected, and the launch condition refuses to go on.
    assert (newer["VersionMin"], newer["VersionMax"]) == (version, "")
    assert int(newer["Attributes"]) & 2  # msidbUpgradeAttributesOnlyDetect
    conditions = {r["Condition"]: r["Description"] for r in built_msi.table("LaunchCondition")}
    assert "newer version of OpenDesk" in conditions["NOT WIX_DOWNGRADE_DETECTED"]
    actions = {r["Action"] for r in built_msi.table("InstallExecuteSequence")}
    assert {"FindRelatedProducts", "RemoveExistingProducts"} <= actions


def test_next_version_has_a_new_product_code_and_the_same_upgrade_code(
    built_msi: BuiltMsi, tmp_path: Path
) -> None:
    done = run_build(tmp_path, "--version", "0.99.1")
    assert done.returncode == 0, done.stderr
    upgrade = {
        r["Property"]: r["Value"]
        for r in msi_table(tmp_path / "OpenDesk-0.99.1-x64.msi", "Property")
    }
    first = built_msi.properties()
    assert upgrade["ProductVersion"] == "0.99.1"
    assert upgrade["UpgradeCode"] == first["UpgradeCode"] == UPGRADE_CODE
    assert upgrade["ProductCode"] != first["ProductCode"]


def test_a_version_windows_installer_cannot_compare_is_refused(tmp_path: Path) -> None:
    for bad in ("1.0.0rc1", "1.0", "256.0.0"):
        done = run_build(tmp_path, "--version", bad)
        assert done.returncode == 1
        assert done.stderr.startswith("error: version")
        assert not list(tmp_path.glob("*.msi"))


def test_an_incomplete_payload_is_refused(tmp_path: Path) -> None:
    payload = tmp_path / "payload"
    (payload / "_internal").mkdir(parents=True)
    (payload / "OpenDesk.exe").write_bytes(b"MZ")
    done = run_build(tmp_path / "out", "--payload", str(payload))
    assert done.returncode == 1
    assert "opendesk-portal.exe, opendesk-admin.exe" in done.stderr


def test_missing_wixl_is_reported_clearly(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": str(tmp_path)}  # no wixl on this PATH
    done = run_build(tmp_path / "out", env=env)
    assert done.returncode == 1
    assert "wixl is not installed" in done.stderr


def test_machine_configuration_is_written_to_hklm(built_msi: BuiltMsi) -> None:
    rows = [r for r in built_msi.table("Registry") if r["Key"] == MACHINE_KEY]
    assert {r["Root"] for r in rows} == {HKLM, "-1"}  # HKMU is HKLM when ALLUSERS=1
    rows = [r for r in rows if r["Root"] == HKLM]
    values = {r["Name"]: r["Value"] for r in rows}
    # The names the application reads (opendesk.core.settings) are the properties' names, and
    # each value is the property as given (REG_SZ: no #, #x or #% prefix).
    assert set(MACHINE_KEYS) <= set(PUBLIC_PROPERTIES)
    for name in PUBLIC_PROPERTIES:
        assert values[name] == f"[{name}]"
    assert values["InstallDir"] == "[INSTALLFOLDER]"


def test_properties_are_remembered_across_upgrades(built_msi: BuiltMsi) -> None:
    searches = {r["Property"]: r["Signature_"] for r in built_msi.table("AppSearch")}
    locators = {r["Signature_"]: r for r in built_msi.table("RegLocator")}
    for name in PUBLIC_PROPERTIES:
        locator = locators[searches[name]]
        assert (locator["Root"], locator["Key"], locator["Name"]) == (HKLM, MACHINE_KEY, name)
        assert int(locator["Type"]) == 2 | 16  # raw value, 64-bit registry view

    # No default values: the remember pattern would take a default for a command-line value.
    assert not set(PUBLIC_PROPERTIES) & set(built_msi.properties())

    # A value on the command line wins over the remembered one: saved before AppSearch (once,
    # in the first sequence that runs), put back after it.
    actions = {r["Action"]: r for r in built_msi.table("CustomAction")}
    for sequence in ("InstallUISequence", "InstallExecuteSequence"):
        order = {
            r["Action"]: (int(r["Sequence"]), r["Condition"]) for r in built_msi.table(sequence)
        }
        for name in PUBLIC_PROPERTIES:
            save, restore = f"SaveCmd{name}", f"SetFromCmd{name}"
            assert order[save][0] < order["AppSearch"][0] < order[restore][0], sequence
            assert order[restore][1] == f"CMDLINE_{name}"
            assert order[restore][0] < order["CostFinalize"][0]
            assert (actions[save]["Source"], actions[save]["Target"]) == (
                f"CMDLINE_{name}",
                f"[{name}]",
            )
            assert int(actions[save]["Type"]) & 0x3F == 51  # set a property
            assert int(actions[save]["Type"]) & 0x100  # first sequence only
            assert (actions[restore]["Source"], actions[restore]["Target"]) == (
                name,
                f"[CMDLINE_{name}]",
            )


def test_public_properties_are_secure(built_msi: BuiltMsi) -> None:
    secure = built_msi.properties()["SecureCustomProperties"].split(";")
    for name in PUBLIC_PROPERTIES:
        assert name in secure
        assert f"CMDLINE_{name}" in secure
    assert "WIX_UPGRADE_DETECTED" in secure  # wixl's own entries are kept


def test_portal_server_is_an_optional_windows_service(built_msi: BuiltMsi) -> None:
    (service,) = built_msi.table("ServiceInstall")
    assert service["Name"] == "OpenDeskPortal"
    assert service["Arguments"] == "--windows-service"
    assert int(service["ServiceType"]) == 0x10  # own process
    assert int(service["StartType"]) == 2  # automatic
    assert service["StartName"] == "[PORTALSERVICEACCOUNT]"
    assert service["Password"] == ""  # never a password: no secrets in the MSI or its log
    components = {r["Component"]: r for r in built_msi.table("Component")}
    files = {r["File"]: r for r in built_msi.table("File")}
    # The service's program is its component's key path.
    keypath = components[service["Component_"]]["KeyPath"]
    assert files[keypath]["FileName"] == "opendesk-portal.exe"

    # The default account, when neither the command line nor the registry named one.
    default = {r["Action"]: r for r in built_msi.table("CustomAction")}["SetDefaultServiceAccount"]
    assert (default["Source"], default["Target"]) == (
        "PORTALSERVICEACCOUNT",
        "NT AUTHORITY\\LocalService",
    )
    execute = {r["Action"]: r for r in built_msi.table("InstallExecuteSequence")}
    assert execute["SetDefaultServiceAccount"]["Condition"] == "NOT PORTALSERVICEACCOUNT"
    assert (
        int(execute["SetFromCmdPORTALSERVICEACCOUNT"]["Sequence"])
        < int(execute["SetDefaultServiceAccount"]["Sequence"])
        < int(execute["InstallServices"]["Sequence"])
    )

    (control,) = built_msi.table("ServiceControl")
    assert control["Name"] == "OpenDeskPortal"
    assert control["Component_"] == service["Component_"]
    event = int(control["Event"])
    assert event & 0x1  # start on install
    assert event & 0x2 and event & 0x20  # stop on install (upgrade) and uninstall
    assert event & 0x80  # delete on uninstall
    assert control["Wait"] == "0"  # a portal without a database does not fail the install

    # Its own feature, off by default (Level 100 > INSTALLLEVEL 1), on with INSTALLPORTAL=1.
    features = {r["Feature"]: r for r in built_msi.table("Feature")}
    feature_of = {r["Component_"]: r["Feature_"] for r in built_msi.table("FeatureComponents")}
    portal = features[feature_of[service["Component_"]]]
    assert portal["Feature"] == "PortalService"
    assert int(portal["Level"]) == 100
    assert int(features["Client"]["Level"]) == 1
    select = {r["Action"]: r for r in built_msi.table("CustomAction")}["SelectPortalService"]
    assert (select["Source"], select["Target"]) == ("INSTALLLEVEL", "100")
    for sequence in ("InstallUISequence", "InstallExecuteSequence"):
        order = {r["Action"]: r for r in built_msi.table(sequence)}
        assert order["SelectPortalService"]["Condition"] == 'INSTALLPORTAL = "1"'
        assert (
            int(order["SetFromCmdINSTALLPORTAL"]["Sequence"])
            < int(order["SelectPortalService"]["Sequence"])
            < int(order["CostFinalize"]["Sequence"])
        )


def test_uninstall_touches_no_practice_data(built_msi: BuiltMsi) -> None:
    # Nothing is removed beyond what the MSI installed: no RemoveFile rows, and nothing is
    # installed under the per-user data folders.
    assert "RemoveFile" not in msi_tables(built_msi.path) or not built_msi.table("RemoveFile")
    directories = {r["Directory"] for r in built_msi.table("Directory")}
    assert not directories & {"LocalAppDataFolder", "AppDataFolder", "CommonAppDataFolder"}

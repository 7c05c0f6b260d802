"""Builds the MSI once per test run with installer/build.py (wixl over the stand-in payload),
and, for the tests that install it, the other MSIs they need and one Wine prefix."""

import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.installer.msitools import BuiltMsi, msi_table, require_msi_tools, run_build
from tests.installer.wine import STANDIN_SERVICE, Wine


@pytest.fixture(scope="session")
def built_msi(tmp_path_factory: pytest.TempPathFactory) -> BuiltMsi:
    require_msi_tools()
    out = tmp_path_factory.mktemp("msi")
    started = time.perf_counter()
    done = run_build(out)
    took = time.perf_counter() - started
    assert done.returncode == 0, done.stdout + done.stderr
    (msi,) = out.glob("OpenDesk-*-x64.msi")
    return BuiltMsi(msi, out / "work" / "payload", took)


@dataclass(frozen=True)
class MsiSet:
    """The MSIs an install/upgrade/downgrade run needs (all with the stand-in payload)."""

    current: BuiltMsi  # this version (pyproject.toml)
    newer: Path  # the next version
    rebuilt: Path  # this version, built again
    with_service: Path  # this version; opendesk-portal.exe is a runnable stand-in service

    @staticmethod
    def product_code(msi: Path) -> str:
        return {r["Property"]: r["Value"] for r in msi_table(msi, "Property")}["ProductCode"]


def _build(out: Path, *args: str) -> Path:
    done = run_build(out, *args)
    assert done.returncode == 0, done.stdout + done.stderr
    (msi,) = out.glob("OpenDesk-*-x64.msi")
    return msi


@pytest.fixture(scope="session")
def msis(built_msi: BuiltMsi, tmp_path_factory: pytest.TempPathFactory) -> MsiSet:
    major, minor, patch = (int(x) for x in built_msi.properties()["ProductVersion"].split("."))
    newer = _build(
        tmp_path_factory.mktemp("msi-newer"), "--version", f"{major}.{minor}.{patch + 1}"
    )
    rebuilt = _build(tmp_path_factory.mktemp("msi-rebuilt"))
    service_payload = tmp_path_factory.mktemp("service-payload") / "payload"
    shutil.copytree(built_msi.payload, service_payload)
    shutil.copyfile(STANDIN_SERVICE, service_payload / "opendesk-portal.exe")
    with_service = _build(tmp_path_factory.mktemp("msi-service"), "--payload", str(service_payload))
    return MsiSet(built_msi, newer, rebuilt, with_service)


@pytest.fixture(scope="session")
def wine_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wine]:
    """One Wine prefix for the whole run (making one takes ~10-40 s)."""
    wine = Wine.create(tmp_path_factory.mktemp("wine") / "prefix")
    yield wine
    wine.stop()


@pytest.fixture
def wine(wine_session: Wine) -> Iterator[Wine]:
    """The session's prefix with no OpenDesk installed, before and after the test."""
    _remove_opendesk(wine_session)
    yield wine_session
    _remove_opendesk(wine_session)


def _remove_opendesk(wine: Wine) -> None:
    for code in wine.installed_opendesk():
        assert wine.uninstall(code) == 0, f"could not clean up {code}"
    for folder in (
        wine.user_folder() / "AppData/Local/OpenDesk",
        wine.user_folder() / "AppData/Roaming/OpenDesk",
    ):
        shutil.rmtree(folder, ignore_errors=True)

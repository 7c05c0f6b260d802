"""Helpers for the installer tests: run installer/build.py, read MSI tables with msiinfo.
wixl and msitools are required: `./dev test` installs them, and their absence fails the tests
instead of skipping them."""

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = ROOT / "installer" / "build.py"
MSI_TOOLS = ("wixl", "msiinfo", "msiextract", "msibuild")


def require_msi_tools() -> None:
    missing = [t for t in MSI_TOOLS if shutil.which(t) is None]
    if missing:
        pytest.fail(
            f"{', '.join(missing)} not found: the installer tests need the Debian packages "
            "wixl and msitools (`./dev test` installs them; or apt-get install wixl msitools)",
            pytrace=False,
        )


def run_build(
    out: Path, *args: str, env: dict[str, str] | None = None
) -> "subprocess.CompletedProcess[str]":
    return subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--out", str(out), *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=120,
    )


def msi_table(msi: Path, table: str) -> list[dict[str, str]]:
    """The rows of one table, from `msiinfo export` (names, types, keys, then the rows)."""
    done = subprocess.run(
        ["msiinfo", "export", str(msi), table], capture_output=True, text=True, check=True
    )
    lines = done.stdout.splitlines()
    columns = lines[0].split("\t")
    return [dict(zip(columns, line.split("\t"), strict=True)) for line in lines[3:]]


def msi_tables(msi: Path) -> set[str]:
    done = subprocess.run(
        ["msiinfo", "tables", str(msi)], capture_output=True, text=True, check=True
    )
    return set(done.stdout.split())


@dataclass(frozen=True)
class BuiltMsi:
    path: Path
    payload: Path
    build_seconds: float

    def table(self, name: str) -> list[dict[str, str]]:
        return msi_table(self.path, name)

    def properties(self) -> dict[str, str]:
        return {r["Property"]: r["Value"] for r in self.table("Property")}

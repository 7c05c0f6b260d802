"""Builds the MSI once per test run with installer/build.py (wixl over the stand-in payload)."""

import time

import pytest

from tests.installer.msitools import BuiltMsi, require_msi_tools, run_build


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

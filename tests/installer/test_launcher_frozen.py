"""`opendesk demo` starts the other programs as `python -m ...` from source, and as the
neighbouring executables in the frozen build (a frozen program does not run `-m`); the frozen
build itself is run in test_frozen.py."""

import sys
from pathlib import Path

import pytest

from opendesk.launcher import program_command


def test_from_source_the_programs_are_modules_of_this_python() -> None:
    assert program_command("opendesk-portal", "opendesk.portal") == [
        sys.executable,
        "-m",
        "opendesk.portal",
    ]


def test_frozen_the_programs_are_the_neighbouring_executables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "OpenDesk"))
    assert program_command("opendesk-portal", "opendesk.portal") == [
        str(tmp_path / "opendesk-portal")
    ]
    monkeypatch.setattr(sys, "platform", "win32")
    assert program_command("OpenDesk", "opendesk.desktop") == [str(tmp_path / "OpenDesk.exe")]

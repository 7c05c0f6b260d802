"""Wine as a stand-in Windows for the installer tests: one 64-bit prefix per test session,
msiexec with its real Windows exit code, the registry read back with `reg query`/`reg export`.

Wine comes from Debian (`./dev test` installs it: packages wine, wine64); its absence fails the
tests instead of skipping them. Facts this relies on are in ../shared/ENVIRONMENT.md, "Windows
on Linux": the shell sees exit codes modulo 256, so msiexec runs under `cmd /c start /wait` and
the code is echoed; per-machine Start Menu shortcuts land in the user's own Start Menu.
"""

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath

import pytest

UNINSTALL_KEY = "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall"
MACHINE_KEY = "HKLM\\Software\\OpenDesk"
SERVICES_KEY = "HKLM\\System\\CurrentControlSet\\Services"
# Wine's own service program: a real Windows executable that answers the service control
# manager, standing in for the frozen opendesk-portal.exe (a placeholder file cannot be started,
# and a service that cannot start fails and rolls back the whole install).
STANDIN_SERVICE = Path("/usr/lib/x86_64-linux-gnu/wine/x86_64-windows/spoolsv.exe")

_VALUE = re.compile(r"^ {4}(\S(?:.*?\S)?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$")


def require_wine() -> str:
    wine = shutil.which("wine")
    if wine is None:
        pytest.fail(
            "wine not found: the installer tests run the MSI under Wine's msiexec "
            "(`./dev test` installs it; or apt-get install --no-install-recommends wine wine64)",
            pytrace=False,
        )
    return wine


def windows_path(path: Path) -> str:
    """The Windows name of a Linux path in every Wine prefix (drive Z: is /)."""
    return str(PureWindowsPath("Z:\\", *path.resolve().parts[1:]))


@dataclass
class Wine:
    prefix: Path
    env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def create(cls, prefix: Path) -> "Wine":
        require_wine()
        env = {
            **os.environ,
            "WINEPREFIX": str(prefix),
            "WINEARCH": "win64",
            "WINEDEBUG": "-all",
        }
        env.pop("DISPLAY", None)
        wine = cls(prefix, env)
        done = wine.run(["wineboot", "-i"], timeout=300)
        assert done.returncode == 0, done.stderr
        # Wine's service control manager gives a starting service 10 s to answer; a loaded
        # CI machine starting a service for the first time in a new prefix takes longer, and
        # the install then fails (1627). Windows' own setting, read when services.exe starts.
        done = wine.run(
            [
                "wine",
                "reg",
                "add",
                "HKLM\\System\\CurrentControlSet\\Control",
                "/v",
                "ServicesPipeTimeout",
                "/t",
                "REG_DWORD",
                "/d",
                "120000",
                "/f",
            ]
        )
        assert done.returncode == 0, done.stdout + done.stderr
        wine.run(["wineserver", "-k"], timeout=60)
        wine.run(["wineserver", "-w"], timeout=60)
        # A wineserver that stays up saves its start-up (seconds under load) in every command.
        wine.run(["wineserver", "-p"], timeout=60)  # ended by stop()
        return wine

    def run(self, args: list[str], timeout: float = 120) -> "subprocess.CompletedProcess[str]":
        """Run a Wine command to its end. Output goes through files, not pipes: the Wine
        services a command starts (services.exe, winedevice, explorer) inherit its output and
        live on, and a pipe would not end before they do."""
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            done = subprocess.run(
                args, env=self.env, stdout=out, stderr=err, check=False, timeout=timeout
            )
            out.seek(0)
            err.seek(0)
            return subprocess.CompletedProcess(
                args,
                done.returncode,
                out.read().decode("utf-8", "replace"),
                err.read().decode("utf-8", "replace"),
            )

    def stop(self) -> None:
        """End this prefix's wineserver and the programs it runs (the stand-in service)."""
        self.run(["wineserver", "-k"], timeout=60)

    @property
    def drive_c(self) -> Path:
        return self.prefix / "drive_c"

    @property
    def program_folder(self) -> Path:
        return self.drive_c / "Program Files" / "OpenDesk"

    def user_folder(self) -> Path:
        (home,) = [p for p in (self.drive_c / "users").iterdir() if p.name != "Public"]
        return home

    def start_menu_shortcuts(self) -> list[Path]:
        """OpenDesk.lnk in the all-users Start Menu (Windows) or the user's (Wine 8)."""
        places = [
            self.drive_c / "ProgramData/Microsoft/Windows/Start Menu/Programs",
            self.user_folder() / "AppData/Roaming/Microsoft/Windows/Start Menu/Programs",
        ]
        return [p / "OpenDesk.lnk" for p in places if (p / "OpenDesk.lnk").exists()]

    def msiexec(self, *args: str, log: Path | None = None) -> int:
        """Run msiexec silently to the end; its exit code as Windows reports it (1603, 1638,
        not modulo 256). Values with spaces are quoted for cmd."""
        words = ["msiexec", *(_cmd_quote(a) for a in args)]
        if log is not None:
            words += ["/l*v", windows_path(log)]
        line = f"start /wait {' '.join(words)} & call echo EXIT=%ERRORLEVEL%"
        done = self.run(["wine", "cmd", "/c", line], timeout=300)
        match = re.search(r"EXIT=(\d+)", done.stdout)
        assert match, f"no exit code from msiexec: {done.stdout}{done.stderr}"
        return int(match[1])

    def install(self, msi: Path, *properties: str, log: Path | None = None) -> int:
        return self.msiexec("/i", windows_path(msi), "/qn", *properties, log=log)

    def uninstall(self, product: str, log: Path | None = None) -> int:
        """`product` is an MSI file or a ProductCode."""
        target = product if product.startswith("{") else windows_path(Path(product))
        return self.msiexec("/x", target, "/qn", log=log)

    def reg_query(self, key: str) -> dict[str, tuple[str, str]] | None:
        """The values of `key` as {name: (type, text)}, None when the key does not exist."""
        done = self.run(["wine", "reg", "query", key])
        if done.returncode != 0:
            return None
        values = {}
        for line in done.stdout.splitlines():
            match = _VALUE.match(line.rstrip("\r"))
            if match:
                values[match[1]] = (match[2], match[3] or "")
        return values

    def reg_export(self, key: str, dest: Path) -> dict[str, str | int]:
        """`reg export` of one key (the .reg file Windows writes: UTF-16, escaped strings),
        parsed to {name: str for REG_SZ, int for REG_DWORD}."""
        done = self.run(["wine", "reg", "export", key, windows_path(dest), "/y"])
        assert done.returncode == 0, done.stdout + done.stderr
        return parse_reg_file(dest.read_text(encoding="utf-16"))

    def installed_opendesk(self) -> dict[str, dict[str, tuple[str, str]]]:
        """The Uninstall entries of OpenDesk products: {ProductCode: values}. `reg query`
        failed once on a loaded CI machine (an empty answer read as "nothing installed"): it
        is asked again, and a failure that lasts says so instead of answering {}."""
        for _attempt in range(3):
            done = self.run(["wine", "reg", "query", UNINSTALL_KEY, "/s"])
            if done.returncode == 0:
                break
        else:
            raise AssertionError(f"wine reg query failed ({done.returncode}): {done.stderr}")
        entries: dict[str, dict[str, tuple[str, str]]] = {}
        current: dict[str, tuple[str, str]] = {}
        for line in done.stdout.splitlines():
            line = line.rstrip("\r")
            if line.upper().startswith("HKEY_LOCAL_MACHINE\\"):
                current = entries.setdefault(line.rsplit("\\", 1)[1], {})
            elif match := _VALUE.match(line):
                current[match[1]] = (match[2], match[3] or "")
        return {
            code: values
            for code, values in entries.items()
            if values.get("DisplayName", ("", ""))[1] == "OpenDesk"
        }


def _cmd_quote(arg: str) -> str:
    name, sep, value = arg.partition("=")
    if sep and (" " in value or not value):
        return f'{name}="{value}"'
    return arg


def parse_reg_file(text: str) -> dict[str, str | int]:
    values: dict[str, str | int] = {}
    for line in text.splitlines():
        string = re.fullmatch(r'"((?:[^"\\]|\\.)*)"="((?:[^"\\]|\\.)*)"', line.strip())
        dword = re.fullmatch(r'"((?:[^"\\]|\\.)*)"=dword:([0-9a-fA-F]{8})', line.strip())
        if string:
            values[_unescape(string[1])] = _unescape(string[2])
        elif dword:
            values[_unescape(dword[1])] = int(dword[2], 16)
    return values


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)

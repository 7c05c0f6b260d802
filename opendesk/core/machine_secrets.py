"""The machine-scope secret store: secrets that a service account can read without a keyring.

The per-user OS keyring (opendesk.core.credentials) belongs to one account; a Windows service
running as LocalService, or a Linux service under its own user, cannot read what an
administrator stored in theirs. This store holds such secrets (the database password the portal
and the outbox worker need) once for the whole machine:

- Windows: `%ProgramData%\\OpenDesk\\secrets.bin`, the JSON object of the secrets encrypted with
  DPAPI in machine scope (CryptProtectData with CRYPTPROTECT_LOCAL_MACHINE, `_dpapi`), with an
  ACL for Administrators, SYSTEM and the portal's service account. Machine-scope DPAPI ties
  the file to this machine; the ACL decides who on the machine may read it.
- Elsewhere: `/etc/opendesk/secrets.json`, a JSON object in a file owned by root with mode
  0600. A file that others can read, or that root does not own, is refused (a secret that
  leaked or was planted is not used).

`OPENDESK_MACHINE_SECRETS` names another file (tests, unusual installs). The messages of
MachineSecretsError never contain a secret.
"""

import json
import os
import stat
import sys
from pathlib import Path

from opendesk.core.errors import ConfigurationError

ENV_PATH = "OPENDESK_MACHINE_SECRETS"
ROOT_UID = 0


class MachineSecretsError(ConfigurationError):
    """The machine secret file cannot be used (unsafe permissions, unreadable, not ours)."""


def machine_secrets_path() -> Path:
    override = os.environ.get(ENV_PATH)
    if override:
        return Path(override)
    if sys.platform == "win32":  # pragma: no cover - Windows only
        base = os.environ.get("PROGRAMDATA") or "C:\\ProgramData"
        return Path(base) / "OpenDesk" / "secrets.bin"
    return Path("/etc/opendesk/secrets.json")


# ----------------------------------------------------------------------------- reading


def read_all(path: Path | None = None) -> dict[str, str]:
    """Every secret in the machine store ({} when there is no file)."""
    path = path or machine_secrets_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise MachineSecretsError(
            f"The machine secret file {path} cannot be read ({exc.strerror})."
        ) from None
    if sys.platform == "win32":  # pragma: no cover - Windows only
        raw = _dpapi(raw, protect=False)
    else:
        check_posix_file(path)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise MachineSecretsError(f"The machine secret file {path} is damaged.") from None
    if not isinstance(data, dict):
        raise MachineSecretsError(f"The machine secret file {path} is damaged.")
    return {str(k): str(v) for k, v in data.items()}


def get(key: str, path: Path | None = None) -> str | None:
    return read_all(path).get(key)


def check_posix_file(path: Path) -> None:
    """Refuse a secret file that root does not own or that anyone but its owner can read or
    write: its secrets are leaked, or could be someone else's."""
    info = path.stat()
    if info.st_uid != ROOT_UID:
        raise MachineSecretsError(
            f"The machine secret file {path} is not owned by root: not used. "
            "Store the secret again as root (opendesk-admin secrets ... --machine)."
        )
    if stat.S_IMODE(info.st_mode) & 0o077:
        raise MachineSecretsError(
            f"The machine secret file {path} can be read or changed by other users "
            f"(mode {stat.S_IMODE(info.st_mode):04o}): not used. Make it private with "
            f"chmod 600 {path}, and change the secrets it holds if others may have read them."
        )


# ----------------------------------------------------------------------------- writing


def put(key: str, value: str, path: Path | None = None) -> Path:
    """Store one secret (keeping the others); returns the file written."""
    path = path or machine_secrets_path()
    if sys.platform != "win32" and os.geteuid() != ROOT_UID:
        raise MachineSecretsError(
            "Only root can store a machine secret: run the command with sudo."
        )
    values = read_all(path) if path.exists() else {}
    values[key] = value
    data = json.dumps(values, indent=2, sort_keys=True).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    if sys.platform == "win32":  # pragma: no cover - Windows only
        tmp.write_bytes(_dpapi(data, protect=True))
        _restrict_windows_acl(tmp)
    else:
        # Created private (O_EXCL, mode 0600): never readable by others, not even briefly.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chown(tmp, ROOT_UID, ROOT_UID)
        os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return path


# ----------------------------------------------------------------------------- Windows


def _dpapi(data: bytes, *, protect: bool) -> bytes:  # pragma: no cover - Windows only
    """CryptProtectData / CryptUnprotectData with CRYPTPROTECT_LOCAL_MACHINE: any account on
    this machine may decrypt (the file's ACL limits who can read it), no other machine can."""
    import ctypes
    from ctypes import wintypes

    class Blob(ctypes.Structure):
        _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]

    crypt32 = ctypes.WinDLL("crypt32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    cryptprotect_ui_forbidden, cryptprotect_local_machine = 0x1, 0x4
    buffer = ctypes.create_string_buffer(data, len(data))
    source = Blob(len(data), ctypes.cast(buffer, ctypes.POINTER(ctypes.c_char)))
    result = Blob()
    call = crypt32.CryptProtectData if protect else crypt32.CryptUnprotectData
    flags = cryptprotect_ui_forbidden | (cryptprotect_local_machine if protect else 0)
    ok = call(ctypes.byref(source), None, None, None, None, flags, ctypes.byref(result))
    if not ok:
        raise MachineSecretsError(
            "Windows could not "
            + ("protect" if protect else "decrypt")
            + f" the machine secret file (DPAPI error {ctypes.get_last_error()})."  # type: ignore[attr-defined]
        )
    try:
        return ctypes.string_at(result.pbData, result.cbData)
    finally:
        kernel32.LocalFree(result.pbData)


def _restrict_windows_acl(path: Path) -> None:  # pragma: no cover - Windows only
    """Administrators and SYSTEM: full control; the portal's service account (what the MSI
    recorded as PORTALSERVICEACCOUNT, else LocalService): read. Nothing inherited."""
    import subprocess

    grants = ["*S-1-5-32-544:F", "*S-1-5-18:F"]  # Administrators, SYSTEM
    grants.append(f"{_service_account()}:R")
    command = ["icacls", str(path), "/inheritance:r"]
    for grant in grants:
        command += ["/grant:r", grant]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise MachineSecretsError(
            f"Could not restrict who may read {path}: {done.stdout.strip()} {done.stderr.strip()}"
        )


def _service_account() -> str:  # pragma: no cover - Windows only
    if sys.platform != "win32":  # tells mypy this body is Windows-only
        return ""
    import winreg

    try:
        with winreg.OpenKey(
            winreg.HKEY_LOCAL_MACHINE,
            r"Software\OpenDesk",
            0,
            winreg.KEY_READ | winreg.KEY_WOW64_64KEY,
        ) as key:
            value, _type = winreg.QueryValueEx(key, "PORTALSERVICEACCOUNT")
    except OSError:
        value = ""
    return str(value or "NT AUTHORITY\\LocalService")

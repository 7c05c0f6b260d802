"""Credentials (database, SMTP and Dropbox credentials) in the OS keyring of the machine that needs
them; never in a settings file or the database.

Two stores, read in this order: the per-user OS keyring (Windows Credential Manager, Secret
Service...), then the machine-scope store (opendesk.core.machine_secrets: DPAPI machine scope
under ProgramData on Windows, a root-owned 0600 file under /etc/opendesk elsewhere), which a
service account without a keyring of its own can read (the portal, the outbox worker)."""

import contextlib
import logging

import keyring
from keyring.errors import KeyringError, NoKeyringError

from opendesk.core import machine_secrets
from opendesk.core.machine_secrets import MachineSecretsError

SERVICE = "OpenDesk"
log = logging.getLogger("opendesk.secrets")


def database_key(user: str, host: str, port: int | None, database: str) -> str:
    return f"db:{user}@{host}:{port or ''}/{database}"


def smtp_key(user: str, host: str) -> str:
    """The keyring key of the SMTP password for `user` on the mail server `host`."""
    return f"smtp:{user}@{host.strip().lower()}"


def dropbox_key() -> str:
    """The keyring key of the practice's Dropbox access token (Setup > Data Paths)."""
    return "dropbox:token"


class NoKeyringAvailable(KeyringError):
    """This account has no usable OS keyring (a headless server, a service account)."""


def portal_secret_key() -> str:
    """The key of the portal server's session secret key (for the portal as a service)."""
    return "portal:secret-key"


def get_secret(key: str) -> str | None:
    """The secret stored under `key` in the user's keyring, else in the machine store, else
    None (a missing or unusable store counts as empty, with a warning in the log)."""
    kind = key.split(":")[0]
    try:
        value = keyring.get_password(SERVICE, key)
    except NoKeyringError:  # usual for a service account: the machine store is next
        log.info("no keyring for this account while reading %s", kind)
        value = None
    except KeyringError as exc:
        log.warning("keyring unavailable while reading %s: %s", kind, type(exc).__name__)
        value = None
    if value is not None:
        return value
    try:
        return machine_secrets.get(key)
    except MachineSecretsError as exc:
        log.warning("machine secret store not used while reading %s: %s", kind, exc)
        return None


def set_secret(key: str, value: str) -> None:
    """Store in the user's keyring; NoKeyringAvailable (with a message saying what to do)
    when this account has none."""
    try:
        keyring.set_password(SERVICE, key, value)
    except KeyringError as exc:
        raise NoKeyringAvailable(
            f"The OS keyring of this account cannot store it ({type(exc).__name__}: no "
            "keyring is available here). On a server or for a service, store it for the "
            "whole machine instead (--machine, as root or an administrator)."
        ) from None


def set_machine_secret(key: str, value: str) -> str:
    """Store in the machine-scope store; returns where (MachineSecretsError when refused)."""
    return str(machine_secrets.put(key, value))


def delete_secret(key: str) -> None:
    with contextlib.suppress(keyring.errors.PasswordDeleteError):
        keyring.delete_password(SERVICE, key)

"""Credentials (database, SMTP and Dropbox credentials) in the OS keyring of the machine that needs
them; never in a settings file or the database."""

import contextlib
import logging

import keyring
from keyring.errors import KeyringError

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


def get_secret(key: str) -> str | None:
    """The secret stored under `key`, or None (also when the machine has no usable keyring)."""
    try:
        return keyring.get_password(SERVICE, key)
    except KeyringError as exc:
        log.warning("keyring unavailable while reading %s: %s", key.split(":")[0], exc)
        return None


def set_secret(key: str, value: str) -> None:
    keyring.set_password(SERVICE, key, value)


def delete_secret(key: str) -> None:
    with contextlib.suppress(keyring.errors.PasswordDeleteError):
        keyring.delete_password(SERVICE, key)


"""Checks of the setup forms' values before they are saved (no Qt, so they can move to the core
when `opendesk-admin` wants them too). Each returns {field: message}; empty means acceptable."""

import re
from pathlib import Path

from opendesk.core.notices import TAGS, portal_url_problem
from opendesk.mail.smtp import Security, is_loopback

_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_HOST = re.compile(r"^[A-Za-z0-9.-]+$|^\[?[0-9A-Fa-f:.]+\]?$")
_SETUP_HINT = " (Setup > Patient Portal)"


def email_problems(
    notify_from: str,
    host: str,
    port: int,
    security: str,
    user: str,
    new_password: str,
    password_stored: bool,
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not notify_from.strip():
        problems["notify_from"] = "Enter the address the notices come from."
    elif not _EMAIL.match(notify_from.strip()):
        problems["notify_from"] = "This is not an e-mail address (name@example.com)."
    if not host.strip():
        problems["smtp_host"] = "Enter the mail server's name, e.g. smtp.example.com."
    elif not _HOST.match(host.strip()):
        problems["smtp_host"] = "A server name has letters, digits, dots and dashes only."
    if not 0 < port < 65536:
        problems["smtp_port"] = "The port is a number from 1 to 65535 (usually 587 or 465)."
    try:
        chosen = Security(security)
    except ValueError:
        problems["smtp_security"] = "Choose starttls, tls or none."
    else:
        if chosen is Security.NONE and host.strip() and not is_loopback(host):
            problems["smtp_security"] = (
                "Without encryption, notices may go only to a mail server on this computer "
                "(localhost). "
                "Choose starttls or tls."
            )
    if user.strip() and not new_password and not password_stored:
        problems["smtp_password"] = (
            "Enter the password for this user; it is kept in this computer's keyring."  # noqa: S105
        )
    if new_password and not user.strip():
        problems["smtp_user"] = "Enter the user name that goes with the password."
    return problems


def portal_problems(url: str, subject: str, body: str, demo: bool) -> dict[str, str]:
    problems: dict[str, str] = {}
    url_problem = portal_url_problem(url, demo)
    if url_problem:
        problems["portal_url"] = url_problem.replace(_SETUP_HINT, "")
    if not subject.strip():
        problems["notify_subject"] = "Enter the notification subject."
    elif "\n" in subject or "\r" in subject:
        problems["notify_subject"] = "The subject is a single line."
    if not body.strip():
        problems["notify_body"] = "Enter the notification text."
    elif "[URL]" not in body:
        problems["notify_body"] = "The text must contain [URL]: the link to the portal."
    return problems


def tags_text() -> str:
    meanings = {
        "[URL]": "the portal's address (required)",
        "[OfficeName]": "the practice's name",
        "[OfficePhone]": "its phone",
        "[OfficeAddress]": "its address",
        "[PatientFName]": "the patient's first name",
    }
    return "Tags: " + "; ".join(f"{tag} {meanings.get(tag, '')}".strip() for tag in TAGS) + "."


def folder_problem(path: str) -> str | None:
    """Why `path` cannot be the A-to-Z folder (a missing folder is fine: it can be created)."""
    if not path.strip():
        return "Enter the A-to-Z folder, e.g. \\\\server\\OpenDentImages or /srv/atoz."
    folder = Path(path.strip())
    if not folder.is_absolute() and not path.startswith("\\\\"):
        return "Enter the full path of the folder (it starts at a drive or the server)."
    if folder.exists() and not folder.is_dir():
        return "This is a file, not a folder."
    return None


def dropbox_problems(root: str, new_token: str, token_stored: bool) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not new_token.strip() and not token_stored:
        problems["dropbox_token"] = (
            "Enter the Dropbox access token; it is kept in this computer's keyring."  # noqa: S105
        )
    if not root.strip().startswith("/") or root.strip() == "/":
        problems["dropbox_root"] = "Enter the folder inside Dropbox, starting with /, e.g. /AtoZ."
    return problems

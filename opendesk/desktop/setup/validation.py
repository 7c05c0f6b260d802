"""Checks of the setup forms' values before they are saved, so each problem shows next to its
field: the preference rules are core's (`core.preference_rules`, which `set_preferences`
applies again for every caller); only what lives on this computer (keyring password and
token, whether the folder path is a file here) is checked here. Each returns {field: message};
empty means acceptable."""

from pathlib import Path
from typing import Any

from opendesk.core import preference_rules
from opendesk.core import preferences as prefs
from opendesk.core.notices import TAGS
from opendesk.core.preferences import Pref


def _rules(values: dict[Pref[Any], Any], **context: Any) -> dict[str, str]:
    return preference_rules.problems(values, preference_rules.Context(**context))


def email_problems(
    notify_from: str,
    host: str,
    port: int,
    security: str,
    user: str,
    new_password: str,
    password_stored: bool,
) -> dict[str, str]:
    values: dict[Pref[Any], Any] = {
        prefs.NOTIFY_FROM: notify_from,
        prefs.SMTP_HOST: host,
        prefs.SMTP_PORT: port,
        prefs.SMTP_SECURITY: security,
        prefs.SMTP_USER: user,
    }
    problems = _rules(values, smtp_host=host)
    if user.strip() and not new_password and not password_stored:
        problems["smtp_password"] = (
            "Enter the password for this user; it is kept in this computer's keyring."  # noqa: S105
        )
    if new_password and not user.strip():
        problems["smtp_user"] = "Enter the user name that goes with the password."
    return problems


def portal_problems(url: str, subject: str, body: str, two_step: str, demo: bool) -> dict[str, str]:
    values: dict[Pref[Any], Any] = {
        prefs.PORTAL_URL: url,
        prefs.NOTIFY_SUBJECT: subject,
        prefs.NOTIFY_BODY: body,
        prefs.PORTAL_TWO_STEP: two_step,
    }
    return _rules(values, demo=demo)


def notice_problems(language: str, subject: str, body: str) -> dict[str, str]:
    """The problems of one language's notice texts, keyed by the fields that show them
    (notify_subject, notify_body: the dialog shows one language at a time)."""
    subject_pref, body_pref = prefs.NOTICE_TEXTS[language]
    found = _rules({subject_pref: subject, body_pref: body})
    fields = {subject_pref.name: "notify_subject", body_pref.name: "notify_body"}
    return {fields[name]: text for name, text in found.items()}


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
    problem = _rules({prefs.ATOZ_PATH: path}).get(prefs.ATOZ_PATH.name)
    if problem:
        return problem
    folder = Path(path.strip())
    if folder.exists() and not folder.is_dir():
        return "This is a file, not a folder."
    return None


def dropbox_problems(root: str, new_token: str, token_stored: bool) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not new_token.strip() and not token_stored:
        problems["dropbox_token"] = (
            "Enter the Dropbox access token; it is kept in this computer's keyring."  # noqa: S105
        )
    problems.update(_rules({prefs.DROPBOX_ROOT: root}))
    return problems

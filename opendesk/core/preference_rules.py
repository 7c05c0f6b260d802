"""What each practice preference may hold: one rule per preference, checked by
`practice_setup.set_preferences` for every caller (the Setup dialogs, `opendesk-admin prefs
set`, any future one), and used by the Setup dialogs to show each problem next to its field.

`problems(values, context)` maps each bad preference's name to a sentence that says how to fix
it. Some rules look at another preference (SMTP security "none" only for a mail server on this
computer; http portal URLs only in the demo): `context_for` reads those from the new values or
else from the database.
"""

import ipaddress
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import PureWindowsPath
from typing import Any

from sqlalchemy.orm import Session

from opendesk.core import business_time, timefmt
from opendesk.core import preferences as prefs
from opendesk.core.errors import ValidationError
from opendesk.core.notices import portal_url_problem
from opendesk.core.preferences import Pref

SMTP_SECURITY_CHOICES = ("starttls", "tls", "none")
NOTIFY_UNREAD_DAYS_MAX = 90  # also the compose window's limit (core.services.message_settings)
STORAGE_CHOICES = ("folder", "dropbox")

_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_HOST = re.compile(r"^[A-Za-z0-9.-]+$|^\[?[0-9A-Fa-f:.]+\]?$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
_SETUP_HINT = " (Setup > Patient Portal)"
_MULTILINE = {
    prefs.NOTIFY_BODY.name,
    prefs.NOTIFY_BODY_ES.name,
    prefs.PRACTICE_ADDRESS.name,
    prefs.PRACTICE_HOURS.name,
    prefs.PRACTICE_CLOSED_DATES.name,
    prefs.URGENT_WORDS.name,
    prefs.EMERGENCY_INSTRUCTIONS.name,
    prefs.AFTER_HOURS_REPLY.name,
}


def is_loopback(host: str) -> bool:
    """True for a host name or address that always means this computer."""
    name = host.strip().strip("[]").lower()
    if name in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Context:
    """The other preferences some rules depend on."""

    smtp_host: str = ""
    demo: bool = False


def context_for(session: Session, values: Mapping[Pref[Any], Any]) -> Context:
    def value(pref: Pref[Any]) -> Any:
        return values[pref] if pref in values else prefs.get(session, pref)

    return Context(smtp_host=str(value(prefs.SMTP_HOST)), demo=bool(value(prefs.DEMO_MODE)))


class PreferencesInvalid(ValidationError):
    """One or more preferences refused; `problems` maps each name to its message, and the
    message names each of them."""

    def __init__(self, problems: dict[str, str]) -> None:
        field = next(iter(problems))
        text = " ".join(f"{prefs.ALL[name].label}: {msg}" for name, msg in problems.items())
        super().__init__(problems[field] if len(problems) == 1 else text, field)
        self.problems = problems


# -- the rules, one per preference ------------------------------------------------------------

Rule = Callable[[Any, Context], str | None]


def _practice_name(value: str, _c: Context) -> str | None:
    return "Enter the practice name." if not value.strip() else None


def _portal_url(value: str, c: Context) -> str | None:
    problem = portal_url_problem(value, c.demo)
    return problem.replace(_SETUP_HINT, "") if problem else None


def _notify_subject(value: str, _c: Context) -> str | None:
    if not value.strip():
        return "Enter the notification subject."
    if "\n" in value or "\r" in value:
        return "The subject is a single line."
    return None


def _notify_body(value: str, _c: Context) -> str | None:
    if not value.strip():
        return "Enter the notification text."
    if "[URL]" not in value:
        return "The text must contain [URL]: the link to the portal."
    return None


def email_problem(value: str) -> str | None:
    """What is wrong with an e-mail address (None when it looks like one)."""
    return (
        None if _EMAIL.match(value.strip()) else "This is not an e-mail address (name@example.com)."
    )


def _notify_from(value: str, _c: Context) -> str | None:
    if not value.strip():
        return "Enter the address the notices come from."
    if not _EMAIL.match(value.strip()):
        return "This is not an e-mail address (name@example.com)."
    return None


def _smtp_host(value: str, _c: Context) -> str | None:
    if not value.strip():
        return "Enter the mail server's name, e.g. smtp.example.com."
    if not _HOST.match(value.strip()):
        return "A server name has letters, digits, dots and dashes only."
    return None


def _smtp_port(value: int, _c: Context) -> str | None:
    return (
        None if 0 < value < 65536 else "The port is a number from 1 to 65535 (usually 587 or 465)."
    )


def _smtp_security(value: str, c: Context) -> str | None:
    if value not in SMTP_SECURITY_CHOICES:
        return "Choose starttls, tls or none."
    if value == "none" and c.smtp_host.strip() and not is_loopback(c.smtp_host):
        return (
            "Without encryption, notices may go only to a mail server on this computer "
            "(localhost). Choose starttls or tls."
        )
    return None


TWO_STEP_CHOICES = ("off", "optional", "required")


def _two_step(value: str, _c: Context) -> str | None:
    return None if value in TWO_STEP_CHOICES else "Choose off, optional or required."


def _storage_kind(value: str, _c: Context) -> str | None:
    return None if value in STORAGE_CHOICES else "Choose folder or dropbox."


def _atoz_path(value: str, _c: Context) -> str | None:
    if not value.strip():
        return "Enter the A-to-Z folder, e.g. \\\\server\\OpenDentImages or /srv/atoz."
    text = value.strip()
    if not (text.startswith(("/", "\\\\")) or PureWindowsPath(text).is_absolute()):
        return "Enter the full path of the folder (it starts at a drive or the server)."
    return None


def _dropbox_root(value: str, _c: Context) -> str | None:
    if not value.strip().startswith("/") or value.strip() == "/":
        return "Enter the folder inside Dropbox, starting with /, e.g. /AtoZ."
    return None


def _message_text(what: str, longest: int, *, required: bool = True) -> Rule:
    def rule(value: str, _c: Context) -> str | None:
        if required and not value.strip():
            return f"Enter the {what}."
        return None if len(value) <= longest else f"The {what} is at most {longest:,} characters."

    return rule


def _between(low: int, high: int, what: str) -> Rule:
    def rule(value: int, _c: Context) -> str | None:
        return None if low <= value <= high else f"{what} is a number from {low:,} to {high:,}."

    return rule


RULES: dict[str, Rule] = {
    prefs.PRACTICE_NAME.name: _practice_name,
    prefs.PORTAL_URL.name: _portal_url,
    prefs.NOTIFY_SUBJECT.name: _notify_subject,
    prefs.NOTIFY_BODY.name: _notify_body,
    prefs.NOTIFY_SUBJECT_ES.name: _notify_subject,
    prefs.NOTIFY_BODY_ES.name: _notify_body,
    prefs.NOTIFY_FROM.name: _notify_from,
    prefs.SMTP_HOST.name: _smtp_host,
    prefs.SMTP_PORT.name: _smtp_port,
    prefs.SMTP_SECURITY.name: _smtp_security,
    prefs.STORAGE_KIND.name: _storage_kind,
    prefs.PORTAL_TWO_STEP.name: _two_step,
    prefs.ATOZ_PATH.name: _atoz_path,
    prefs.DROPBOX_ROOT.name: _dropbox_root,
    prefs.ATTACH_MAX_FILE_BYTES.name: _between(1, 1 << 30, "The largest attachment (bytes)"),
    prefs.ATTACH_MAX_MESSAGE_BYTES.name: _between(1, 1 << 30, "The largest total (bytes)"),
    prefs.MESSAGE_MAX_CHARS.name: _between(100, 1_000_000, "The longest message (characters)"),
    prefs.OUTBOX_MAX_ATTEMPTS.name: _between(1, 100, "The number of delivery attempts"),
    prefs.PRACTICE_TIME_ZONE.name: lambda value, _c: timefmt.zone_problem(value),
    prefs.IDLE_LOGOFF_MINUTES.name: _between(0, 1440, "Log off after (minutes, 0 = never)"),
    prefs.PRACTICE_HOURS.name: lambda value, _c: business_time.hours_problem(value),
    prefs.PRACTICE_CLOSED_DATES.name: lambda value, _c: business_time.dates_problem(value),
    prefs.RESPONSE_TARGET_HOURS.name: _between(1, 1000, "The response target (business hours)"),
    prefs.WEBMAIL_NOTIFY_UNREAD_DAYS.name: _between(
        0, NOTIFY_UNREAD_DAYS_MAX, "Notify me if unread after (days, 0 = off)"
    ),
    prefs.FILE_THREADS_AFTER_DAYS.name: _between(0, 3650, "File threads after (days, 0 = never)"),
    prefs.EMERGENCY_INSTRUCTIONS.name: _message_text("emergency instructions", 2000),
    # empty: no after-hours reply
    prefs.AFTER_HOURS_REPLY.name: _message_text("after-hours reply", 2000, required=False),
}
"""The rule of each preference that has one beyond its type (the others take any value of
their type: phone, address, SMTP user, the yes/no switches)."""


def _type_problem(pref: Pref[Any], value: Any) -> str | None:
    if pref.type is bool:
        return None if isinstance(value, bool) else "Choose yes or no."
    if pref.type is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else "Enter a whole number."
    if not isinstance(value, str):
        return "Enter text."
    bad = _CONTROL if pref.name in _MULTILINE else _ANY_CONTROL
    if pref.name in (prefs.NOTIFY_SUBJECT.name, prefs.NOTIFY_SUBJECT_ES.name):
        return None  # its own rule says "a single line"
    return "This holds characters that are not allowed." if bad.search(value) else None


def problems(values: Mapping[Pref[Any], Any], context: Context = Context()) -> dict[str, str]:
    """{preference name: message} for every value its preference refuses; empty when all
    are acceptable."""
    found: dict[str, str] = {}
    for pref, value in values.items():
        problem = _type_problem(pref, value)
        rule = RULES.get(pref.name)
        if problem is None and rule is not None:
            problem = rule(value, context)
        if problem:
            found[pref.name] = problem
    return found


def check(session: Session, values: Mapping[Pref[Any], Any]) -> None:
    """Raise PreferencesInvalid naming every refused value (a new mail server is checked
    against the stored SMTP security too)."""
    checked = dict(values)
    if prefs.SMTP_HOST in values and prefs.SMTP_SECURITY not in values:
        checked[prefs.SMTP_SECURITY] = prefs.get(session, prefs.SMTP_SECURITY)
    found = problems(checked, context_for(session, values))
    if found:
        raise PreferencesInvalid(found)


def parse(pref: Pref[Any], text: str) -> Any:
    """A value typed as text (the admin command line) in the preference's type; ValidationError
    for a number or yes/no that is not one."""
    text = text.strip() if pref.type is not str else text
    if pref.type is bool:
        if text.lower() in ("1", "true", "yes", "on"):
            return True
        if text.lower() in ("0", "false", "no", "off"):
            return False
        raise ValidationError(f"{pref.label}: type yes or no.", pref.name)
    if pref.type is int:
        try:
            return int(text.replace(",", "").replace("_", ""))
        except ValueError:
            raise ValidationError(f"{pref.label}: type a whole number.", pref.name) from None
    return text

"""Practice preferences, each declared once with its type and default, stored in the database.

`get`/`set_many` are the raw accessors; the setup dialogs and pages go through
`opendesk.core.services.practice_setup.set_preferences`, which checks the Setup permission
and audits the change. `set_many` also moves the change marker (`preference_marker`) in the
same transaction; a session whose database has a preference cache attached
(`core.pref_cache`, the portal) answers `get` and `get_all` from it.
"""

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar, cast

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from opendesk.core.models import PreferenceMarker, PreferenceRow

T = TypeVar("T", str, int, bool)


@dataclass(frozen=True)
class Pref(Generic[T]):
    name: str
    type: type[T]
    default: T
    label: str

    def parse(self, raw: str) -> T:
        if self.type is bool:
            return raw.strip().lower() in ("1", "true", "yes", "on")  # type: ignore[return-value,unused-ignore]
        if self.type is int:
            return int(raw)  # type: ignore[return-value]
        return raw  # type: ignore[return-value]

    def render(self, value: Any) -> str:
        if self.type is bool:
            return "1" if value else "0"
        return str(value)


PRACTICE_NAME = Pref("practice_name", str, "", "Practice name")
PRACTICE_PHONE = Pref("practice_phone", str, "", "Practice phone")
PRACTICE_ADDRESS = Pref("practice_address", str, "", "Practice address")
PORTAL_URL = Pref("portal_url", str, "", "Patient portal URL")
# The practice's name in the subject (and as the From name, core.notices.notice_sender) so
# the notice does not look like phishing; the body stays Open Dental's default.
NOTIFY_SUBJECT = Pref(
    "notify_subject", str, "Secure message from [OfficeName]", "Notification subject"
)
NOTIFY_BODY = Pref(
    "notify_body",
    str,
    "Please go to this link and login using your credentials. [URL]",
    "Notification body",
)
# The notice in Spanish (issue 24): a patient whose preferred language is Spanish gets these.
NOTIFY_SUBJECT_ES = Pref(
    "notify_subject_es", str, "Mensaje seguro de [OfficeName]", "Notification subject (Spanish)"
)
NOTIFY_BODY_ES = Pref(
    "notify_body_es",
    str,
    "Vaya a este enlace e inicie sesión con sus credenciales. [URL]",
    "Notification body (Spanish)",
)
NOTIFY_FROM = Pref("notify_from", str, "", "Notification From address")
SMTP_HOST = Pref("smtp_host", str, "", "SMTP server")
SMTP_PORT = Pref("smtp_port", int, 587, "SMTP port")
SMTP_SECURITY = Pref("smtp_security", str, "starttls", "SMTP security (starttls, tls, none)")
SMTP_USER = Pref("smtp_user", str, "", "SMTP user name")
STORAGE_KIND = Pref("storage_kind", str, "folder", "Image storage (folder or dropbox)")
ATOZ_PATH = Pref("atoz_path", str, "", "A-to-Z images folder")
DROPBOX_ROOT = Pref("dropbox_root", str, "/OpenDesk/AtoZ", "A-to-Z folder inside Dropbox")
PORTAL_FAMILY_SCOPE = Pref(
    "portal_family_scope", bool, True, "Guarantors see their family members' messages"
)
PORTAL_TWO_STEP = Pref(
    "portal_two_step", str, "optional", "Portal two-step log-in (off, optional, required)"
)
ATTACH_MAX_FILE_BYTES = Pref(
    "attach_max_file_bytes", int, 20 * 1024 * 1024, "Largest attachment (bytes)"
)
ATTACH_MAX_MESSAGE_BYTES = Pref(
    "attach_max_message_bytes", int, 20 * 1024 * 1024, "Largest total of a message (bytes)"
)
SCAN_ADDRESS = Pref(
    "scan_address", str, "", "Malware scanner (clamd) address: host:port or unix socket path"
)
SCAN_POLICY = Pref(
    "scan_policy", str, "refuse", "When the scanner does not answer: refuse, or accept unscanned"
)
MESSAGE_MAX_CHARS = Pref("message_max_chars", int, 10000, "Longest message body (characters)")
OUTBOX_MAX_ATTEMPTS = Pref("outbox_max_attempts", int, 8, "Notification delivery attempts")
IDLE_LOGOFF_MINUTES = Pref(
    "idle_logoff_minutes", int, 0, "Log off an idle workstation after (minutes, 0 = never)"
)
# An IANA zone name ("America/Los_Angeles"); empty = each workstation's own zone.
PRACTICE_TIME_ZONE = Pref("practice_time_zone", str, "", "Practice time zone")
# Closed-loop messaging (docs/CLOSED_LOOP.md); the formats are core.business_time's.
PRACTICE_HOURS = Pref(
    "practice_hours",
    str,
    "mon 08:00-17:00; tue 08:00-17:00; wed 08:00-17:00; thu 08:00-17:00; fri 08:00-17:00",
    "Opening hours",
)
PRACTICE_CLOSED_DATES = Pref("practice_closed_dates", str, "", "Closed dates (holidays)")
RESPONSE_TARGET_HOURS = Pref(
    "response_target_hours", int, 8, "Response target without a reason (business hours)"
)
URGENT_WORDS = Pref(
    "urgent_words",
    str,
    "swelling, bleeding that won't stop, bleeding that will not stop, fever, "
    "trouble breathing, trouble swallowing, difficulty breathing, difficulty swallowing, "
    "trauma, knocked-out tooth, knocked out, "
    # The same in Spanish, the portal's other language: the check runs on the patient's own
    # words, whatever the page's language (accents are folded, "hinchazon" matches too).
    "hinchazón, hinchada, hinchado, sangrado que no para, sangrado que no se detiene, fiebre, "
    "calentura, dificultad para respirar, dificultad para tragar, no puedo respirar, "
    "no puedo tragar, traumatismo, diente caído, diente arrancado, se me cayó un diente",
    "Urgent words",
)
# Message settings (issue 22): the compose window's defaults for a new message.
WEBMAIL_ALLOW_REPLY = Pref(
    "webmail_allow_reply", bool, True, "New messages accept replies (default)"
)
WEBMAIL_NOTIFY_UNREAD_DAYS = Pref(
    "webmail_notify_unread_days", int, 0, "Notify me if unread after (days, 0 = off; default)"
)
# Filing to the chart (docs/FILING.md): `opendesk-admin file-due`, run as a scheduled task,
# files every thread this many days after its last message (0 = never).
FILE_THREADS_AFTER_DAYS = Pref(
    "file_threads_after_days",
    int,
    0,
    "File every thread to the chart this many days after its last message (0 = never)",
)
# What the portal shows when a patient's text holds an urgent word, and the after-hours reply
# (core.services.patient_loop). [PHONE] is the emergency phone (empty: the practice phone),
# [OPENS] when the office next opens.
EMERGENCY_PHONE = Pref("emergency_phone", str, "", "Emergency phone (empty: the practice phone)")
EMERGENCY_INSTRUCTIONS = Pref(
    "emergency_instructions",
    str,
    "Messages are not read around the clock. For swelling, bleeding that will not stop, "
    "fever, trouble breathing or swallowing, an injury or a knocked-out tooth, call the "
    "office now at [PHONE]. If you cannot breathe or swallow, call your local emergency "
    "number.",
    "Emergency instructions",
)
AFTER_HOURS_REPLY = Pref(
    "after_hours_reply",
    str,
    "Thank you for your message. The office is closed now and opens [OPENS]; we will answer "
    "then. If this is urgent, call [PHONE].",
    "After-hours reply",
)
DEMO_MODE = Pref("demo_mode", bool, False, "Demo practice (allows http://localhost portal)")

ALL: dict[str, Pref[Any]] = {
    p.name: p
    for p in (
        PRACTICE_NAME,
        PRACTICE_PHONE,
        PRACTICE_ADDRESS,
        PORTAL_URL,
        NOTIFY_SUBJECT,
        NOTIFY_BODY,
        NOTIFY_SUBJECT_ES,
        NOTIFY_BODY_ES,
        NOTIFY_FROM,
        SMTP_HOST,
        SMTP_PORT,
        SMTP_SECURITY,
        SMTP_USER,
        STORAGE_KIND,
        ATOZ_PATH,
        DROPBOX_ROOT,
        PORTAL_FAMILY_SCOPE,
        PORTAL_TWO_STEP,
        ATTACH_MAX_FILE_BYTES,
        ATTACH_MAX_MESSAGE_BYTES,
        SCAN_ADDRESS,
        SCAN_POLICY,
        MESSAGE_MAX_CHARS,
        OUTBOX_MAX_ATTEMPTS,
        IDLE_LOGOFF_MINUTES,
        PRACTICE_TIME_ZONE,
        PRACTICE_HOURS,
        PRACTICE_CLOSED_DATES,
        RESPONSE_TARGET_HOURS,
        URGENT_WORDS,
        WEBMAIL_ALLOW_REPLY,
        WEBMAIL_NOTIFY_UNREAD_DAYS,
        FILE_THREADS_AFTER_DAYS,
        EMERGENCY_PHONE,
        EMERGENCY_INSTRUCTIONS,
        AFTER_HOURS_REPLY,
        DEMO_MODE,
    )
}


CACHE_KEY = "opendesk.preference_cache"  # Session.info key of a `PreferenceCache`
MEMO_KEY = "opendesk.preference_memo"  # Session.info: (transaction, values) checked in it


class CacheLike(Protocol):
    def values(self, session: Session) -> Mapping[str, Any]: ...

    def confirm(self, session: Session, version: int | None) -> None: ...


def get(session: Session, pref: Pref[T]) -> T:
    cache: CacheLike | None = session.info.get(CACHE_KEY)
    if cache is not None:
        return cast(T, cache.values(session)[pref.name])
    raw = session.execute(
        select(PreferenceRow.value).where(PreferenceRow.name == pref.name)
    ).scalar_one_or_none()
    return pref.default if raw is None else pref.parse(raw)


def get_all(session: Session) -> dict[str, Any]:
    cache: CacheLike | None = session.info.get(CACHE_KEY)
    if cache is not None:
        return dict(cache.values(session))
    return load_all(session)


_MARKER = select(PreferenceMarker.version).where(PreferenceMarker.id == 1)
MARKER_COLUMN = _MARKER.scalar_subquery().label("preference_marker")
"""The marker as a column of another statement that starts a transaction (the portal's
session check), so that the cache needs no SELECT of its own (`marker_seen`)."""


def marker_seen(session: Session, version: int | None) -> None:
    """Tell the session's preference cache the marker its transaction read (`MARKER_COLUMN`)."""
    cache: CacheLike | None = session.info.get(CACHE_KEY)
    if cache is not None:
        cache.confirm(session, version)


def marker(session: Session) -> int | None:
    """The preferences' change marker (None: its row is missing)."""
    return session.execute(_MARKER).scalar_one_or_none()


def load_all(session: Session) -> dict[str, Any]:
    """Every preference, read from the database (defaults for those never set)."""
    rows = {
        name: value
        for name, value in session.execute(select(PreferenceRow.name, PreferenceRow.value))
    }
    return {
        name: (pref.parse(rows[name]) if name in rows else pref.default)
        for name, pref in ALL.items()
    }


def set_many(session: Session, values: dict[Pref[Any], Any]) -> None:
    """Write preferences in the caller's transaction, and move the change marker in it."""
    for pref, value in values.items():
        row = session.get(PreferenceRow, pref.name)
        if row is None:
            session.add(PreferenceRow(name=pref.name, value=pref.render(value)))
        else:
            row.value = pref.render(value)
    moved = session.execute(
        update(PreferenceMarker)
        .where(PreferenceMarker.id == 1)
        .values(version=PreferenceMarker.version + 1)
    )
    if not getattr(moved, "rowcount", 1):
        # The row was removed by hand: put it back at a version no cache can have seen.
        session.add(PreferenceMarker(id=1, version=secrets.randbits(62)))
    session.info.pop(MEMO_KEY, None)  # this transaction's own reads must see the change
    session.flush()


# The notice's subject and body for each language of core.languages (one pair per language:
# adding a language adds a pair here).
NOTICE_TEXTS: dict[str, tuple[Pref[str], Pref[str]]] = {
    "en": (NOTIFY_SUBJECT, NOTIFY_BODY),
    "es": (NOTIFY_SUBJECT_ES, NOTIFY_BODY_ES),
}

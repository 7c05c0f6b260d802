"""The insecure notification e-mail: "a secure message is waiting", from practice preferences.

Only the tags below are filled in; nothing of the secure message (subject, body, attachment
names) ever reaches a notice. The body is Open Dental's default; the default subject, "Secure
message from [OfficeName]", and the From display name (`notice_sender`: "Maple Street Dental
<notices@maple.example>") carry the practice's name so the notice does not look like phishing.
"""

import html
import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import formataddr, parseaddr
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from opendesk.core import languages
from opendesk.core import preferences as prefs
from opendesk.core.models import OutboxNotice, Patient

TAGS = ("[URL]", "[OfficeName]", "[OfficePhone]", "[OfficeAddress]", "[PatientFName]")
_URL_RE = re.compile(r"https?://[^\s<>\"]+")


@dataclass(frozen=True)
class Notice:
    to_address: str
    from_address: str
    subject: str
    body_text: str
    body_html: str


def fill_tags(template: str, values: dict[str, str]) -> str:
    for tag, value in values.items():
        template = template.replace(tag, value)
    return template


def tag_values(session: Session, recipient: Patient) -> dict[str, str]:
    return {
        "[URL]": prefs.get(session, prefs.PORTAL_URL),
        "[OfficeName]": prefs.get(session, prefs.PRACTICE_NAME),
        "[OfficePhone]": prefs.get(session, prefs.PRACTICE_PHONE),
        "[OfficeAddress]": prefs.get(session, prefs.PRACTICE_ADDRESS),
        "[PatientFName]": recipient.preferred_name or recipient.first_name,
    }


def to_html(text: str) -> str:
    """Plain text as HTML: escaped, line breaks kept, the portal link made clickable."""
    escaped = html.escape(text)
    linked = _URL_RE.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)
    return (
        '<!DOCTYPE html><html><body style="font-family:sans-serif"><p>'
        + linked.replace("\n\n", "</p><p>").replace("\n", "<br>")
        + "</p></body></html>"
    )


def account_notice(
    kind: str, to_address: str, from_address: str, subject: str, body: str, when: datetime
) -> OutboxNotice:
    """An outbox row about the portal account itself (a sign-in, a log-in code, a reset code):
    no message linked, the subject on one line, the body as plain text and HTML, due at `when`.
    The caller adds it to its session."""
    return OutboxNotice(
        message_id=None,
        kind=kind,
        to_address=to_address,
        from_address=from_address,
        subject=" ".join(subject.split()),
        body_text=body,
        body_html=to_html(body),
        next_attempt_at=when,
    )


FROM_MAX = 254  # outbox_notice.from_address


def notice_sender(session: Session) -> str:
    """The From of notices: the NOTIFY_FROM address with the practice's name as display name
    (unless the preference names one itself, or the result would not fit)."""
    configured = prefs.get(session, prefs.NOTIFY_FROM).strip()
    name, address = parseaddr(configured)
    office = " ".join(prefs.get(session, prefs.PRACTICE_NAME).split())
    if name or not address or not office or "\n" in configured or "\r" in configured:
        return configured
    sender = formataddr((office, address))
    return sender if len(sender) <= FROM_MAX else configured


def notice_texts(language: str | None) -> tuple[prefs.Pref[str], prefs.Pref[str]]:
    """The subject and body preferences of the notice in `language` (English when the
    practice keeps none for it)."""
    return prefs.NOTICE_TEXTS.get(languages.known(language), prefs.NOTICE_TEXTS["en"])


def render_notice(session: Session, recipient: Patient) -> Notice:
    """The notice for `recipient`, in their preferred language (Setup > Patient Portal keeps
    one subject and body per language)."""
    values = tag_values(session, recipient)
    subject_pref, body_pref = notice_texts(recipient.language)
    subject = fill_tags(prefs.get(session, subject_pref), values)
    body = fill_tags(prefs.get(session, body_pref), values)
    return Notice(
        to_address=recipient.email.strip(),
        from_address=notice_sender(session),
        subject=" ".join(subject.split()),  # no header injection through newlines
        body_text=body,
        body_html=to_html(body),
    )


def portal_url_problem(url: str, demo: bool) -> str | None:
    """Why the portal URL cannot go into a notice, or None. https is required; the demo may use
    http on this machine."""
    if not url.strip():
        return "The patient portal URL is not set (Setup > Patient Portal)."
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "The patient portal URL is not a web address (Setup > Patient Portal)."
    local = parts.hostname in ("localhost", "127.0.0.1", "::1")
    if parts.scheme != "https" and not (demo and local):
        return "The patient portal URL must start with https:// (Setup > Patient Portal)."
    return None


def template_problems(session: Session) -> list[str]:
    problems = []
    for language, (subject_pref, body_pref) in prefs.NOTICE_TEXTS.items():
        which = "" if language == "en" else f" ({languages.staff_name(language)})"
        if not prefs.get(session, subject_pref).strip():
            problems.append(f"The notification subject{which} is empty (Setup > Patient Portal).")
        body = prefs.get(session, body_pref)
        if not body.strip():
            problems.append(f"The notification body{which} is empty (Setup > Patient Portal).")
        elif "[URL]" not in body:
            problems.append(
                f"The notification body{which} must contain [URL] (Setup > Patient Portal)."
            )
    url_problem = portal_url_problem(
        prefs.get(session, prefs.PORTAL_URL), prefs.get(session, prefs.DEMO_MODE)
    )
    if url_problem:
        problems.append(url_problem)
    return problems

"""Turning an outbox row into the MIME e-mail that goes out: multipart/alternative with a
plain-text and an HTML part, From the row's From address, a stable Message-ID and a Date.

The Message-ID depends only on the notice (its id and creation time), so the rare second copy
after a worker crash carries the same Message-ID and mail systems that de-duplicate drop it.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from opendesk.mail.errors import DeliveryError

# One address, no display name, nothing a header could be split or smuggled with.
_ADDRESS = re.compile(r"^[^@\s<>()\[\],;:\"\\]+@[^@\s<>()\[\],;:\"\\]+$")


@dataclass(frozen=True)
class NoticeContent:
    """What the transport needs of one outbox row (a plain snapshot, not an ORM object)."""

    id: int
    to_address: str
    from_address: str
    subject: str
    body_text: str
    body_html: str
    created_at: datetime


@dataclass(frozen=True)
class Envelope:
    """A built e-mail with its SMTP envelope sender and recipient."""

    message: EmailMessage
    sender: str
    recipient: str


def plain_address(value: str) -> str | None:
    """The bare address in `value` ("a@b" or "Name <a@b>"), or None when it is not one valid
    address."""
    if "\r" in value or "\n" in value:
        return None
    _name, address = parseaddr(value)
    if not address or not _ADDRESS.match(address):
        return None
    return address


def message_id(notice_id: int, created_at: datetime, sender: str) -> str:
    """`<opendesk.notice.ID.CREATED@domain-of-sender>`: unique per notice, the same on every
    attempt, and free of PHI."""
    domain = sender.rpartition("@")[2] or "localhost"
    stamp = created_at.strftime("%Y%m%d%H%M%S%f")
    return f"<opendesk.notice.{notice_id}.{stamp}@{domain}>"


def build_message(notice: NoticeContent, *, now: datetime | None = None) -> Envelope:
    """The e-mail for `notice`. Raises a permanent DeliveryError when an address or header is
    invalid (retrying cannot fix the row)."""
    recipient = plain_address(notice.to_address)
    if recipient is None or recipient != notice.to_address.strip():
        raise DeliveryError("invalid recipient address", permanent=True)
    sender = plain_address(notice.from_address)
    if sender is None:
        raise DeliveryError("invalid From address (check General Email Settings)", permanent=True)
    if not notice.body_text.strip():
        raise DeliveryError("the notice has no text", permanent=True)
    sent = now.replace(tzinfo=UTC) if now is not None else datetime.now(UTC)
    msg = EmailMessage(policy=policy.SMTP)
    try:
        name, _address = parseaddr(notice.from_address.strip())
        # the practice's name as display name (core.notices.notice_sender), encoded as needed
        msg["From"] = Address(display_name=name, addr_spec=sender) if name else sender
        msg["To"] = recipient
        msg["Subject"] = notice.subject
        msg["Date"] = format_datetime(sent)
        msg["Message-ID"] = message_id(notice.id, notice.created_at, sender)
        msg["Auto-Submitted"] = "auto-generated"
        msg.set_content(notice.body_text)
        if notice.body_html.strip():
            msg.add_alternative(notice.body_html, subtype="html")
    except (ValueError, TypeError) as exc:  # a line break in the subject, bad header text
        raise DeliveryError(
            f"the notice cannot be built as an e-mail ({type(exc).__name__})", permanent=True
        ) from None
    return Envelope(msg, sender, recipient)

"""Times and states as the inbox, the message window and the chart list show them. Stored
times are naive UTC; the client shows the workstation's local time."""

from datetime import UTC, date, datetime, time

from opendesk.core.enums import MessageStatus
from opendesk.core.services.mailbox import MessageRow


def local(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC).astimezone()


def when_text(value: datetime | None) -> str:
    """'03/01/2026 09:05 AM' in local time ('' for None)."""
    return "" if value is None else local(value).strftime("%m/%d/%Y %I:%M %p")


def day_start_utc(day: date) -> datetime:
    """The UTC instant (naive, like the columns) at which a local calendar day begins."""
    return datetime.combine(day, time.min).astimezone(UTC).replace(tzinfo=None)


def read_state(row: MessageRow) -> str:
    if row.status == MessageStatus.UNSENT:
        return "Draft"
    if row.status == MessageStatus.WEBMAIL_RECEIVED:
        return "Unread"
    if row.status == MessageStatus.WEBMAIL_RECD_READ:
        return "Read"
    if row.status == MessageStatus.WEBMAIL_SENT_READ:
        return "Patient read"
    return "Not read yet"


def read_tooltip(row: MessageRow) -> str | None:
    """When the patient read a sent message (the Read column is kept narrow)."""
    if row.status == MessageStatus.WEBMAIL_SENT_READ and row.read_at is not None:
        return f"The patient read it on {when_text(row.read_at)}"
    return None


def direction(row: MessageRow) -> str:
    if row.status.is_from_patient:
        return "Received"
    return "Draft" if row.status == MessageStatus.UNSENT else "Sent"

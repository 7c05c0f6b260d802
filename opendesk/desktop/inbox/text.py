"""Times and states as the inbox, the message window and the chart list show them. Stored
times are naive UTC; the client shows them in the practice's time zone (core.timefmt)."""

from datetime import date, datetime, time

from opendesk.core import timefmt
from opendesk.core.enums import MessageStatus
from opendesk.core.services.mailbox import MessageRow


def local(value: datetime) -> datetime:
    return timefmt.localise(value, timefmt.display_zone())


def when_text(value: datetime | None) -> str:
    """'03/01/2026 9:05 AM' in the practice's zone ('' for None)."""
    return timefmt.format_datetime(value)


def day_start_utc(day: date) -> datetime:
    """The UTC instant (naive, like the columns) at which a calendar day of the practice's
    zone begins."""
    return timefmt.to_utc(datetime.combine(day, time.min), timefmt.display_zone())


def read_state(row: MessageRow) -> str:
    if row.status == MessageStatus.UNSENT:
        return "Draft"
    if row.status == MessageStatus.SCHEDULED:
        return "Scheduled"
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
    if row.status == MessageStatus.SCHEDULED:
        return "Scheduled"
    return "Draft" if row.status == MessageStatus.UNSENT else "Sent"

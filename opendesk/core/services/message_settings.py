"""A message's settings (issue 22): deliver at, allow reply, notify me if unread after N days.

The compose window shows them (`desktop/webmail/message_settings.py`); the rules are here and
`webmail.send` applies them:
- **Deliver at** must lie in the future (at most `DELIVER_MAX_DAYS` ahead). With
  `business_hours` the time must also fall in the practice's opening hours
  (`core.business_time`); `next_opening` offers the first open time as a choice. A message
  with a delivery time is stored as SCHEDULED; the outbox worker releases it
  (`core.services.scheduled`).
- **Allow reply** off: the portal hides the reply form and `portal_messages.reply` refuses.
- **Notify me if unread after N days** (1..`NOTIFY_UNREAD_DAYS_MAX`): counted from delivery;
  `second_notice` also e-mails the patient the notice once more.

The practice's defaults for a new message are preferences (`defaults`).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from opendesk.core import business_time
from opendesk.core import preferences as prefs
from opendesk.core.clock import utcnow
from opendesk.core.errors import ValidationError
from opendesk.core.models import WebMailMessage
from opendesk.core.preference_rules import NOTIFY_UNREAD_DAYS_MAX

DELIVER_MAX_DAYS = 366
PAST = "The delivery time has passed. Choose a time in the future, or send now."
TOO_FAR = f"The delivery time is more than {DELIVER_MAX_DAYS} days ahead."
CLOSED = (
    "The practice is closed at that time. Choose a time in the opening hours "
    "(Setup > Practice Hours), or Next opening."
)
NO_HOURS = "The practice has no opening hours (Setup > Practice Hours)."


@dataclass(frozen=True)
class MessageSettings:
    """What the "Message settings" group holds. `deliver_at` naive UTC (None: now)."""

    deliver_at: datetime | None = None
    business_hours: bool = False  # the user asked for a time in opening hours
    allow_reply: bool = True
    notify_unread_days: int | None = None
    second_notice: bool = False


@dataclass(frozen=True)
class Defaults:
    """The practice's defaults for a new message, and the next opening time (None: no hours
    are set) for the "Next opening" choice."""

    allow_reply: bool
    notify_unread_days: int | None
    next_opening: datetime | None


def next_opening(session: Session, after: datetime | None = None) -> datetime | None:
    """The first open minute after `after` (default now), a whole minute; None without hours."""
    start = (after or utcnow()).replace(second=0, microsecond=0) + timedelta(minutes=1)
    return business_time.next_opening(start, business_time.practice_schedule(session))


def defaults(session: Session) -> Defaults:
    days = prefs.get(session, prefs.WEBMAIL_NOTIFY_UNREAD_DAYS)
    return Defaults(
        allow_reply=prefs.get(session, prefs.WEBMAIL_ALLOW_REPLY),
        notify_unread_days=days or None,
        next_opening=next_opening(session),
    )


def problems(session: Session, settings: MessageSettings, now: datetime | None = None) -> str:
    """The first thing wrong with `settings`, or ""."""
    now = now or utcnow()
    days = settings.notify_unread_days
    if days is not None and not 1 <= days <= NOTIFY_UNREAD_DAYS_MAX:
        return f"Notify me if unread after: a number of days from 1 to {NOTIFY_UNREAD_DAYS_MAX}."
    when = settings.deliver_at
    if when is None:
        return ""
    if when <= now:
        return PAST
    if when > now + timedelta(days=DELIVER_MAX_DAYS):
        return TOO_FAR
    if settings.business_hours:
        schedule = business_time.practice_schedule(session)
        if not schedule.ever_open:
            return NO_HOURS
        if not business_time.is_open(schedule, when):
            return CLOSED
    return ""


def validate(session: Session, settings: MessageSettings, now: datetime | None = None) -> None:
    problem = problems(session, settings, now)
    if problem:
        field = "deliver_at" if problem in (PAST, TOO_FAR, CLOSED, NO_HOURS) else "notify"
        raise ValidationError(problem, field)


def apply(msg: WebMailMessage, settings: MessageSettings) -> None:
    """Store the settings on a message (a draft keeps them; a send uses them)."""
    msg.deliver_at = settings.deliver_at
    msg.allow_reply = settings.allow_reply
    msg.notify_unread_days = settings.notify_unread_days
    msg.unread_second_notice = bool(settings.notify_unread_days and settings.second_notice)


def of(msg: WebMailMessage) -> MessageSettings:
    """A stored message's settings (a draft or a scheduled message reopened)."""
    return MessageSettings(
        deliver_at=msg.deliver_at,
        allow_reply=msg.allow_reply,
        notify_unread_days=msg.notify_unread_days,
        second_notice=msg.unread_second_notice,
    )


def delivered(msg: WebMailMessage, now: datetime) -> None:
    """The message reaches the patient now: its unread follow-up falls due N days later."""
    msg.sent_at = now
    days = msg.notify_unread_days
    msg.unread_due_at = now + timedelta(days=days) if days else None
    msg.unread_noticed_at = None
